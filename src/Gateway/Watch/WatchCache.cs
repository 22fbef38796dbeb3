using GitOps.Gateway.Hosting;
using GitOps.Grains.Informers;
using GitOps.Gateway.Logging;
using GitOps.Gateway.Metrics;
using GitOps.Gateway.Registry;
using GitOps.Model.Objects;
using GitOps.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Watch;

/// <summary>
/// The watch cache of all watchers of this silo: a handler of the shared informers' stream of every change
/// of every kind (<see cref="IChangeStreamHandler"/>; the silo's one change-log follower feeds it, and it asks
/// for every kind to be informed, so each event comes with the object's previous state). It keeps a ring of
/// recent events (the last <see cref="GatewayOptions.WatchCacheWindowSeconds"/>, bounded in events and in bytes, the
/// oldest evicted first) so watches can resume without touching the database, and hands each event to the bounded
/// queues of the watchers of its type. It never waits on a watcher. The follower starts at the oldest
/// retained event, which fills the ring and teaches the registry the kinds GitSync stored.
/// </summary>
public sealed class WatchCache(
    ResourceRegistry registry,
    GatewayMetrics metrics,
    IOptions<GatewayOptions> options,
    ILogger<WatchCache> logger) : IChangeStreamHandler
{
    private readonly object _gate = new();
    private readonly CachedEvent?[] _ring = new CachedEvent?[options.Value.WatchCacheCapacity];
    private readonly Dictionary<ResourceType, List<WatchSubscription>> _watchers = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly GatewayOptions _options = options.Value;
    private int _ringStart;
    private int _ringCount;
    private long _ringBytes;
    private long _completeAfter;
    private long _head;
    private string? _lastError;

    /// <summary>The latest resourceVersion handed to watchers.</summary>
    public long Head => Volatile.Read(ref _head);

    /// <summary>True once the cache has caught up with the change log it found at start.</summary>
    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Events in the ring, and what they weigh (see <see cref="CachedEvent.Bytes"/>).</summary>
    public (int Events, long Bytes) RingSize
    {
        get
        {
            lock (_gate)
                return (_ringCount, _ringBytes);
        }
    }

    /// <summary>The last error reading the change log, null while healthy.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    public Task WaitUntilReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Registers a watcher of <paramref name="type"/> (optionally one namespace) for events after
    /// <paramref name="afterResourceVersion"/>. Dispose the subscription to leave.
    /// </summary>
    internal async Task<WatchSubscription> SubscribeAsync(ResourceType type, string? @namespace, long afterResourceVersion, CancellationToken cancellationToken)
    {
        await WaitUntilReadyAsync(cancellationToken);
        var subscription = new WatchSubscription(type, @namespace, afterResourceVersion, _options.WatcherBufferSize, Unsubscribe);
        lock (_gate)
        {
            if (afterResourceVersion >= _completeAfter)
                subscription.Backlog = RingAfter(afterResourceVersion, subscription);
            else
                subscription.CatchUpUntil = _head;
            if (!_watchers.TryGetValue(type, out var list))
                _watchers[type] = list = [];
            list.Add(subscription);
        }
        metrics.WatchConnections.Add(1);
        return subscription;
    }

    /// <summary>Every kind is informed, so each event carries the object's previous state for selector watches.</summary>
    public bool InformsEveryKind => true;

    public void OnChanges(IReadOnlyList<StreamedChange> changes)
    {
        Append(changes);
        Volatile.Write(ref _lastError, null);
    }

    public void OnExpired(long after, long oldestAvailable) => Restart(after, oldestAvailable);

    public void OnCaughtUp(long resourceVersion)
    {
        Volatile.Write(ref _lastError, null);
        if (_ready.Task.IsCompleted)
            return;
        GatewayLog.WatchCacheStarted(logger, resourceVersion, _ringCount);
        _ready.TrySetResult();
    }

    public void OnReadFailed(long after, Exception exception)
    {
        Volatile.Write(ref _lastError, exception.Message);
        GatewayLog.WatchCacheReadFailed(logger, after, exception);
    }

    // The log was compacted past what the cache had read: every watcher may have missed events,
    // so each gets a 410 and re-lists, and the cache continues from the oldest retained event.
    private void Restart(long after, long oldestAvailable)
    {
        var resumeAfter = Math.Max(after, oldestAvailable - 1);
        lock (_gate)
        {
            if (after > 0)
            {
                GatewayLog.WatchCacheExpired(logger, after, oldestAvailable);
                foreach (var watcher in _watchers.Values.SelectMany(w => w))
                    watcher.Expire();
            }
            Array.Clear(_ring);
            _ringStart = 0;
            _ringCount = 0;
            _ringBytes = 0;
            _completeAfter = resumeAfter;
            Volatile.Write(ref _head, Math.Max(_head, resumeAfter));
        }
    }

    private void Append(IReadOnlyList<StreamedChange> changes)
    {
        foreach (var (change, previous) in changes)
        {
            registry.Learn(change.Object.ApiVersion, change.Object.Kind, !string.IsNullOrEmpty(change.Key.Namespace));
            var cached = new CachedEvent(change, previous);
            lock (_gate)
            {
                Push(cached);
                if (_watchers.TryGetValue(change.Key.Type, out var watchers))
                {
                    foreach (var watcher in watchers)
                    {
                        if (watcher.Accepts(cached))
                            watcher.Offer(cached);
                    }
                }
                Volatile.Write(ref _head, change.ResourceVersion);
            }
        }
        metrics.WatchCacheResourceVersion.Set(Head);
        var (events, bytes) = RingSize;
        metrics.WatchCacheEvents.Set(events);
        metrics.WatchCacheBytes.Set(bytes);
    }

    // Evicts the oldest events until the new one fits both bounds and the ring holds only the time window (the
    // newest event stays even when it alone is over the byte bound); a watch from an evicted version reads the
    // store's change log instead.
    private void Push(CachedEvent cached)
    {
        var windowStart = cached.CachedAt - _options.WatchCacheWindowSeconds * 1000L;
        while (_ringCount > 0 && (_ringCount == _ring.Length || _ringBytes + cached.Bytes > _options.WatchCacheMaxBytes
            || _ring[_ringStart]!.CachedAt < windowStart))
        {
            var oldest = _ring[_ringStart]!;
            _completeAfter = oldest.ResourceVersion;
            _ringBytes -= oldest.Bytes;
            _ring[_ringStart] = null;
            _ringStart = (_ringStart + 1) % _ring.Length;
            _ringCount--;
        }
        _ring[(_ringStart + _ringCount) % _ring.Length] = cached;
        _ringCount++;
        _ringBytes += cached.Bytes;
    }

    private List<CachedEvent> RingAfter(long afterResourceVersion, WatchSubscription subscription)
    {
        // Binary search for the first event after the requested version; the ring is in resourceVersion order.
        int low = 0, high = _ringCount;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_ring[(_ringStart + mid) % _ring.Length]!.ResourceVersion <= afterResourceVersion)
                low = mid + 1;
            else
                high = mid;
        }
        var backlog = new List<CachedEvent>();
        for (var i = low; i < _ringCount; i++)
        {
            var cached = _ring[(_ringStart + i) % _ring.Length]!;
            if (cached.Key.Type == subscription.Type && subscription.Accepts(cached))
                backlog.Add(cached);
        }
        return backlog;
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            if (_watchers.TryGetValue(subscription.Type, out var list))
            {
                list.Remove(subscription);
                if (list.Count == 0)
                    _watchers.Remove(subscription.Type);
            }
        }
        metrics.WatchConnections.Add(-1);
    }
}
