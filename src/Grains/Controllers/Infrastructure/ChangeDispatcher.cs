using GitOps.Grains.Cluster;
using GitOps.Grains.Informers;
using GitOps.Model.Objects;
using Orleans;
using GitOps.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>
/// Wakes controllers from the shared informers. How to use: nothing to call; register an
/// <see cref="IControllerWatch"/> per controller and <c>AddControllers</c> runs this. While this silo is the
/// cluster's leader (<see cref="ClusterLeader"/>, so a change wakes each controller once in the cluster, not
/// once per silo) it is a handler on the informers of every watched kind: it asks every watch which
/// controllers each change concerns and, after each batch the follower applied, sends each controller one
/// <see cref="IControllerGrain.NotifyAsync"/> with the highest resourceVersion it was told about. Becoming
/// leader adds the handlers, which hand over every cached object, so controllers converge from current state;
/// a relist after the change log expired reaches it as changes too.
/// </summary>
public sealed class ChangeDispatcher(
    SharedInformerFactory informers,
    IGrainFactory grainFactory,
    IEnumerable<IControllerWatch> watches,
    ClusterLeader leader,
    ILogger<ChangeDispatcher> logger) : BackgroundService, IInformerHandler, IChangeStreamHandler
{
    private readonly IControllerWatch[] _watches = watches.ToArray();
    private readonly object _gate = new();
    private readonly List<ControllerTarget> _targets = [];
    private Dictionary<ControllerTarget, long> _pending = [];
    private TaskCompletionSource _batchApplied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _replayedAt = -1;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _watches.Length == 0 ? Task.CompletedTask : leader.RunWhileLeaderAsync(DispatchAsync, stoppingToken);

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        var registrations = new List<IDisposable>();
        try
        {
            registrations.Add(informers.Follow(this));
            var resourceVersion = informers.ResourceVersion;
            lock (_gate)
            {
                foreach (var target in _watches.SelectMany(w => w.StartupTargets))
                    _pending[target] = resourceVersion;
                // Objects handed over when the handlers are added count as changed now, so each controller looks at them.
                _replayedAt = resourceVersion;
            }
            foreach (var type in _watches.SelectMany(w => w.Types).Distinct())
                registrations.Add(informers.For(type).AddHandler(this));
            int resynced;
            lock (_gate)
            {
                _replayedAt = -1;
                resynced = _pending.Count;
            }
            ControllerLog.Resynced(logger, resynced, resourceVersion);
            while (true)
            {
                Task applied;
                Dictionary<ControllerTarget, long> taken;
                lock (_gate)
                {
                    applied = _batchApplied.Task;
                    taken = _pending;
                    _pending = [];
                }
                if (taken.Count > 0)
                    await NotifyAsync(taken, cancellationToken);
                else
                    await applied.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            foreach (var registration in registrations)
                registration.Dispose();
            lock (_gate)
                _pending = [];
        }
    }

    public void OnAdded(KubeObject obj) => Collect(ChangeType.Added, obj, obj.Metadata.ResourceVersionNumber);

    public void OnUpdated(KubeObject old, KubeObject current) => Collect(ChangeType.Modified, current, current.Metadata.ResourceVersionNumber);

    public void OnDeleted(KubeObject last, long resourceVersion) => Collect(ChangeType.Deleted, last, resourceVersion);

    void IChangeStreamHandler.OnChanges(IReadOnlyList<StreamedChange> changes) => SignalBatch();

    void IChangeStreamHandler.OnCaughtUp(long resourceVersion) => SignalBatch();

    private void SignalBatch()
    {
        TaskCompletionSource applied;
        lock (_gate)
        {
            if (_pending.Count == 0)
                return;
            applied = _batchApplied;
            _batchApplied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        applied.TrySetResult();
    }

    private void Collect(ChangeType type, KubeObject obj, long resourceVersion)
    {
        lock (_gate)
        {
            var change = new ChangeEvent(Math.Max(resourceVersion, _replayedAt), type, ResourceKey.Of(obj), obj);
            _targets.Clear();
            foreach (var watch in _watches)
                watch.Map(change, _targets);
            foreach (var target in _targets)
            {
                if (!_pending.TryGetValue(target, out var rv) || rv < change.ResourceVersion)
                    _pending[target] = change.ResourceVersion;
            }
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
