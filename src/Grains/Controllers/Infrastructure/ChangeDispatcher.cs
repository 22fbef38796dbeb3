using GitOps.Grains.Cluster;
using GitOps.Model.Objects;
using Orleans;
using Orleans.Runtime;
using GitOps.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>
/// The one hosted reader of the store's change log that wakes controllers. How to use: nothing to call;
/// register an <see cref="IControllerWatch"/> per controller and <c>AddControllers</c> runs this. It reads
/// changes in batches (<see cref="ControllerOptions.DispatcherBatchSize"/>), asks every watch which
/// controllers each change concerns, and sends each controller one <see cref="IControllerGrain.NotifyAsync"/>
/// per batch with the highest resourceVersion it was told about. At start-up and whenever the change log
/// has been compacted past its cursor (Expired) it relists the watched kinds and notifies as if each
/// object had changed, so controllers converge from current state. It runs on the cluster's leader only
/// (<see cref="ClusterLeader"/>), so a change wakes each controller once in the cluster, not once per silo;
/// a silo that becomes leader starts with that relist.
/// </summary>
public sealed class ChangeDispatcher(
    IResourceStore store,
    IGrainFactory grainFactory,
    IEnumerable<IControllerWatch> watches,
    IOptions<ControllerOptions> options,
    ClusterLeader leader,
    ILogger<ChangeDispatcher> logger) : BackgroundService
{
    private const int ListPageSize = 500;

    private readonly IControllerWatch[] _watches = watches.ToArray();
    private readonly ControllerOptions _options = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _watches.Length == 0 ? Task.CompletedTask : leader.RunWhileLeaderAsync(DispatchAsync, stoppingToken);

    private async Task DispatchAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        long? cursor = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                cursor ??= await ResyncAsync(stoppingToken);
                cursor = await DispatchOnceAsync(cursor.Value, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var delay = RetryBackoff.Delay(failures, _options.RetryBaseDelay, _options.RetryMaxDelay);
                ControllerLog.DispatcherFailed(logger, failures, delay, e);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Dispatches one batch, or waits for the next change; returns the new cursor (null: resync needed).</summary>
    private async Task<long?> DispatchOnceAsync(long cursor, CancellationToken cancellationToken)
    {
        var batch = await store.ReadChangesAsync(cursor, _options.DispatcherBatchSize, cancellationToken);
        if (batch.Expired)
        {
            ControllerLog.ChangeLogExpired(logger, cursor);
            return null;
        }
        if (batch.Events.Count == 0)
        {
            await store.WaitForChangesAsync(cursor, cancellationToken);
            return cursor;
        }
        var pending = new Dictionary<ControllerTarget, long>();
        var targets = new List<ControllerTarget>();
        foreach (var change in batch.Events)
            Collect(change, targets, pending);
        await NotifyAsync(pending, cancellationToken);
        return batch.Events[^1].ResourceVersion;
    }

    /// <summary>Relists every watched kind and notifies the controllers concerned; returns the cursor to read on from.</summary>
    private async Task<long> ResyncAsync(CancellationToken cancellationToken)
    {
        var cursor = await store.GetCurrentResourceVersionAsync(cancellationToken);
        var pending = _watches.SelectMany(w => w.StartupTargets).Distinct().ToDictionary(t => t, _ => cursor);
        var targets = new List<ControllerTarget>();
        foreach (var type in _watches.SelectMany(w => w.Types).Distinct())
        {
            string? next = null;
            do
            {
                var page = await store.ListAsync(new ListQuery(type, Limit: ListPageSize, Continue: next), cancellationToken);
                if (page.Expired || page.InvalidContinue)
                    break;
                foreach (var obj in page.Items)
                    Collect(new ChangeEvent(Math.Max(page.ResourceVersion, cursor), ChangeType.Modified, ResourceKey.Of(obj), obj), targets, pending);
                next = page.Continue;
            }
            while (next is not null);
        }
        await NotifyAsync(pending, cancellationToken);
        ControllerLog.Resynced(logger, pending.Count, cursor);
        return cursor;
    }

    private void Collect(ChangeEvent change, List<ControllerTarget> targets, Dictionary<ControllerTarget, long> pending)
    {
        targets.Clear();
        foreach (var watch in _watches)
            watch.Map(change, targets);
        foreach (var target in targets)
        {
            if (!pending.TryGetValue(target, out var rv) || rv < change.ResourceVersion)
                pending[target] = change.ResourceVersion;
        }
    }

    private async Task NotifyAsync(Dictionary<ControllerTarget, long> pending, CancellationToken cancellationToken)
    {
        foreach (var (target, rv) in pending)
        {
            try
            {
                await target.NotifyAsync(grainFactory, rv, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A lost notification only delays: the controller's resync reminder catches up.
                ControllerLog.NotifyFailed(logger, target.ToString(), e);
            }
        }
    }
}
