using GitOps.Grains.Cluster;
using GitOps.Grains.Resources;
using GitOps.Model.Json;
using GitOps.Model.Objects;
using Orleans;
using Orleans.Runtime;
using GitOps.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Controllers.Infrastructure.Events;

/// <summary>
/// Deletes Events that last happened more than <see cref="ControllerOptions.EventTtl"/> ago, as the
/// apiserver's event TTL does, so a busy cluster's events do not grow without bound. Sweeps every
/// tenth of the TTL (at most every 5 minutes; the first sweep one interval after start), listing
/// Events page by page. Only the cluster's leader (<see cref="ClusterLeader"/>) sweeps.
/// </summary>
public sealed class EventExpiry(
    IResourceStore store,
    IGrainFactory grains,
    TimeProvider time,
    IOptions<ControllerOptions> options,
    ClusterLeader leader,
    ILogger<EventExpiry> logger) : BackgroundService
{
    private const int PageSize = 500;
    private static readonly ResourceType EventType = new("", "Event");
    private static readonly TimeSpan MaxSweepInterval = TimeSpan.FromMinutes(5);

    private TimeSpan Ttl => options.Value.EventTtl;

    private TimeSpan SweepInterval => Ttl / 10 < MaxSweepInterval ? Ttl / 10 : MaxSweepInterval;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => leader.RunWhileLeaderAsync(SweepPeriodicallyAsync, stoppingToken);

    private async Task SweepPeriodicallyAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(SweepInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            try
            {
                var deleted = await SweepAsync(stoppingToken);
                if (deleted > 0)
                    EventLog.Expired(logger, deleted, Ttl);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                EventLog.ExpiryFailed(logger, e);
            }
        }
    }

    /// <summary>Deletes every expired Event now; the number deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - Ttl;
        var expired = new List<KubeObject>();
        string? continueToken = null;
        do
        {
            var page = await store.ListAsync(new ListQuery(EventType, Limit: PageSize, Continue: continueToken), cancellationToken);
            if (page.Expired || page.InvalidContinue)
                break;
            expired.AddRange(page.Items.Where(e => LastHappened(e) < cutoff));
            continueToken = page.Continue;
        }
        while (continueToken is not null);

        var deleted = 0;
        foreach (var evt in expired)
        {
            // Guarded by the resourceVersion read, so an Event updated since (happened again) stays.
            var request = new DeleteRequest(ExpectedResourceVersion: evt.Metadata.ResourceVersionNumber);
            var result = await grains.GetGrain<IResourceGrain>(ResourceKey.Of(evt).ToString()).DeleteAsync(request, cancellationToken);
            if (result.Outcome is ResourceOutcome.Deleted)
                deleted++;
        }
        return deleted;
    }

    private static DateTimeOffset LastHappened(KubeObject evt) =>
        evt.Root.GetTime("lastTimestamp") ?? evt.Root.GetTime("eventTime") ?? evt.Metadata.CreationTimestamp ?? DateTimeOffset.MaxValue;
}
