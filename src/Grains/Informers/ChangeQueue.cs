using System.Collections.Concurrent;
using GitOps.Model.Objects;

namespace GitOps.Grains.Informers;

/// <summary>
/// A grain activation's view of some kinds' informers, for a controller that keeps its own incremental state
/// (scheduler cache, ownership graph): handlers fill a queue on the follower's thread, and the grain takes
/// it in its own turn. Changes are coalesced per object (the latest state wins, at the object's first place
/// in the queue), so the queue never holds more than one entry per object. How to use: create one per
/// activation, call <see cref="SyncAsync"/> at the start of each reconcile with a handler that updates your
/// view (the first call hands over every cached object), and dispose it when the activation ends.
/// </summary>
public sealed class ChangeQueue : IDisposable
{
    private readonly object _gate = new();
    private readonly SharedInformerFactory _factory;
    private readonly ConcurrentDictionary<ResourceType, IDisposable?> _followed = new();
    private readonly IDisposable? _discovery;
    private readonly Handler _handler;
    private OrderedDictionary<ResourceKey, FeedChange> _pending = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _resourceVersion;
    private int _disposed;

    /// <param name="followOtherKinds">Also follow every kind that appears in the change log later (the garbage collector's case).</param>
    public ChangeQueue(SharedInformerFactory factory, IEnumerable<ResourceType> types, bool followOtherKinds = false)
    {
        _factory = factory;
        _handler = new Handler(this);
        foreach (var type in types)
            Follow(type);
        if (followOtherKinds)
            _discovery = factory.Follow(new KindDiscovery(this));
    }

    /// <summary>Every change up to this resourceVersion has been handed to a handler.</summary>
    public long ResourceVersion => _resourceVersion;

    /// <summary>Also follows <paramref name="type"/> (its cached objects arrive as upserts at the next sync).</summary>
    public void Follow(ResourceType type)
    {
        if (!_followed.TryAdd(type, null))
            return;
        // Outside any lock of this queue: adding the handler replays the cache into it under the informer's lock.
        var registration = _factory.For(type).AddHandler(_handler);
        _followed[type] = registration;
        if (Volatile.Read(ref _disposed) == 1)
            registration.Dispose();
    }

    /// <summary>
    /// Hands the handler what changed since the last call, after waiting until the followed informers reflect
    /// every change committed before the call (the grain's own writes included); returns true: the queue is
    /// drained. Throws <see cref="TimeoutException"/> when the informers cannot catch up.
    /// </summary>
    public async Task<bool> SyncAsync(Action<FeedChange> handle, CancellationToken cancellationToken)
    {
        var resourceVersion = await _factory.CurrentResourceVersionAsync(cancellationToken);
        // A kind listed for the first time is at its list's snapshot, which may be ahead of the change stream
        // that brings the other kinds: wait until every followed kind reaches the furthest of them, so what is
        // handed over is one cut of the log (no pod of a node whose creation has not arrived yet).
        while (true)
        {
            foreach (var type in _followed.Keys)
                await _factory.For(type).WaitUntilCurrentAsync(resourceVersion, cancellationToken);
            var furthest = _followed.Keys.Select(type => _factory.For(type).ResourceVersion).DefaultIfEmpty(resourceVersion).Max();
            if (furthest <= resourceVersion)
                break;
            resourceVersion = furthest;
        }
        OrderedDictionary<ResourceKey, FeedChange> taken;
        lock (_gate)
        {
            taken = _pending;
            _pending = [];
        }
        foreach (var change in taken.Values)
            handle(change);
        _resourceVersion = Math.Max(_resourceVersion, resourceVersion);
        return true;
    }

    /// <summary>Completes when a change is waiting (at once if one is).</summary>
    public Task WaitForPendingAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return _pending.Count > 0 ? Task.CompletedTask : _changed.Task.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        _discovery?.Dispose();
        foreach (var registration in _followed.Values)
            registration?.Dispose();
    }

    private void Enqueue(FeedChange change)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _pending[change.Key] = change;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    private sealed class Handler(ChangeQueue queue) : IInformerHandler
    {
        public void OnAdded(KubeObject obj) => queue.Enqueue(new FeedChange(FeedChangeKind.Upserted, ResourceKey.Of(obj), obj));

        public void OnUpdated(KubeObject old, KubeObject current) => OnAdded(current);

        public void OnDeleted(KubeObject last, long resourceVersion) => queue.Enqueue(new FeedChange(FeedChangeKind.Deleted, ResourceKey.Of(last), last));
    }

    private sealed class KindDiscovery(ChangeQueue queue) : IChangeStreamHandler
    {
        public void OnChanges(IReadOnlyList<StreamedChange> changes)
        {
            foreach (var change in changes)
            {
                if (!queue._followed.ContainsKey(change.Change.Key.Type))
                    queue.Follow(change.Change.Key.Type);
            }
        }
    }
}
