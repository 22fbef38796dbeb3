using Orleans.Runtime;

namespace GitOps.Grains.Cluster;

/// <summary>
/// Which silo runs the loops that must run once in the cluster (the change dispatcher, Event
/// expiry): the active silo with the lowest address in Orleans' membership. Every silo derives it
/// from the same membership table, so one leads at a time, and when it dies or leaves the next
/// one takes over as soon as membership declares it dead. While membership changes, two silos may
/// briefly both lead; the loops are safe to run twice (their writes are conditional and their
/// notifications idempotent), just never meant to.
/// </summary>
public sealed class ClusterLeader(ILocalSiloDetails silo, IClusterMembershipService membership)
{
    public bool IsLeader => LeadsIn(membership.CurrentSnapshot);

    /// <summary>
    /// Runs <paramref name="work"/> whenever this silo leads, cancelling it when leadership moves
    /// elsewhere, and starting it again if leadership comes back; returns when <paramref name="stoppingToken"/> fires.
    /// </summary>
    public async Task RunWhileLeaderAsync(Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await WaitForAsync(lead: true, stoppingToken);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var watch = CancelWhenLostAsync(leading);
            try
            {
                await work(leading.Token);
            }
            catch (OperationCanceledException) when (leading.IsCancellationRequested)
            {
            }
            await leading.CancelAsync();
            await watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task CancelWhenLostAsync(CancellationTokenSource leading)
    {
        await WaitForAsync(lead: false, leading.Token);
        await leading.CancelAsync();
    }

    private async Task WaitForAsync(bool lead, CancellationToken cancellationToken)
    {
        if (IsLeader == lead)
            return;
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
        {
            if (LeadsIn(snapshot) == lead)
                return;
        }
    }

    private bool LeadsIn(ClusterMembershipSnapshot snapshot)
    {
        SiloAddress? lowest = null;
        foreach (var member in snapshot.Members.Values)
        {
            if (member.Status == SiloStatus.Active && (lowest is null || member.SiloAddress.CompareTo(lowest) < 0))
                lowest = member.SiloAddress;
        }
        return silo.SiloAddress.Equals(lowest);
    }
}
