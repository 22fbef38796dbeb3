using GitOps.Grains.Cluster;
using GitOps.Grains.Informers;
using GitOps.Model.Objects;
using Orleans;
using GitOps.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>
/// Wakes controllers from the shared informers. How to use: nothing to call; register an
/// <see cref="IControllerWatch"/> per controller and <c>AddControllers</c> runs this. While this silo is the
/// cluster's leader (<see cref="ClusterLeader"/>, so a change wakes each controller once in the cluster, not
/// once per silo) it is a handler of the informers' stream of every change: it asks every watch which
/// controllers each change concerns and, after each batch the follower applied, sends each controller one
/// <see cref="IControllerGrain.NotifyAsync"/> with the highest resourceVersion it was told about. On becoming
/// leader, and after the change log expired under the follower, it resyncs: every cached object of the
/// watched kinds counts as changed (the informers have relisted by then), so controllers converge from
/// current state.
/// </summary>
public sealed class ChangeDispatcher(
    SharedInformerFactory informers,
    IGrainFactory grainFactory,
    IEnumerable<IControllerWatch> watches,
    IOptions<ControllerOptions> options,
    ClusterLeader leader,
    ILogger<ChangeDispatcher> logger) : BackgroundService, IChangeStreamHandler
{
    private readonly IControllerWatch[] _watches = watches.ToArray();
    private readonly ControllerOptions _options = options.Value;
    private readonly object _gate = new();
    private readonly List<ControllerTarget> _targets = [];
    private Dictionary<ControllerTarget, long> _pending = [];
    private TaskCompletionSource _batchApplied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _resyncNeeded;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _watches.Length == 0 ? Task.CompletedTask : leader.RunWhileLeaderAsync(DispatchAsync, stoppingToken);

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        var types = _watches.SelectMany(w => w.Types).Distinct().ToArray();
        lock (_gate)
            _resyncNeeded = true;
        using var following = informers.Follow(this);
        var failures = 0;
        try
        {
            while (true)
            {
                try
                {
                    await DispatchOnceAsync(types, cancellationToken);
                    failures = 0;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // A resync that could not read the informers is tried again; notifications are idempotent.
                    failures++;
                    var delay = RetryBackoff.Delay(failures, _options.RetryBaseDelay, _options.RetryMaxDelay);
                    ControllerLog.DispatcherFailed(logger, failures, delay, e);
                    lock (_gate)
                        _resyncNeeded = true;
                    await Task.Delay(delay, cancellationToken);
                }
            }
        }
        finally
        {
            lock (_gate)
                _pending = [];
        }
    }

    /// <summary>Resyncs when needed, then notifies the pending controllers or waits for the next applied batch.</summary>
    private async Task DispatchOnceAsync(IReadOnlyList<ResourceType> types, CancellationToken cancellationToken)
    {
        Task applied;
        Dictionary<ControllerTarget, long> taken;
        bool resync;
        lock (_gate)
        {
            applied = _batchApplied.Task;
            resync = _resyncNeeded;
            _resyncNeeded = false;
        }
        if (resync)
            await ResyncAsync(types, cancellationToken);
        lock (_gate)
        {
            taken = _pending;
            _pending = [];
        }
        if (taken.Count > 0)
            await NotifyAsync(taken, cancellationToken);
        else
            await applied.WaitAsync(cancellationToken);
    }

    void IChangeStreamHandler.OnChanges(IReadOnlyList<StreamedChange> changes)
    {
        lock (_gate)
        {
            foreach (var (change, _) in changes)
                Collect(change);
        }
        SignalBatch();
    }

    void IChangeStreamHandler.OnExpired(long after, long oldestAvailable)
    {
        if (after == 0)
            return;
        lock (_gate)
            _resyncNeeded = true;
    }

    void IChangeStreamHandler.OnCaughtUp(long resourceVersion) => SignalBatch();

    /// <summary>Every cached object of the watched kinds counts as changed at the informers' current resourceVersion.</summary>
    private async Task ResyncAsync(IReadOnlyList<ResourceType> types, CancellationToken cancellationToken)
    {
        var resourceVersion = await informers.CurrentResourceVersionAsync(cancellationToken);
        var listed = new List<Informer>(types.Count);
        foreach (var type in types)
            listed.Add(await informers.ConsistentReadAsync(type, cancellationToken));
        int targets;
        lock (_gate)
        {
            foreach (var target in _watches.SelectMany(w => w.StartupTargets))
                _pending[target] = Math.Max(resourceVersion, _pending.GetValueOrDefault(target));
            foreach (var informer in listed)
            {
                foreach (var obj in informer.List())
                    Collect(new ChangeEvent(resourceVersion, ChangeType.Modified, ResourceKey.Of(obj), obj));
            }
            targets = _pending.Count;
        }
        ControllerLog.Resynced(logger, targets, resourceVersion);
    }

    private void SignalBatch()
    {
        TaskCompletionSource applied;
        lock (_gate)
        {
            if (_pending.Count == 0 && !_resyncNeeded)
                return;
            applied = _batchApplied;
            _batchApplied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        applied.TrySetResult();
    }

    /// <summary>Adds the controllers <paramref name="change"/> concerns to the pending ones; called under the gate.</summary>
    private void Collect(ChangeEvent change)
    {
        _targets.Clear();
        foreach (var watch in _watches)
            watch.Map(change, _targets);
        foreach (var target in _targets)
        {
            if (!_pending.TryGetValue(target, out var rv) || rv < change.ResourceVersion)
                _pending[target] = change.ResourceVersion;
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
