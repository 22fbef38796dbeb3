using System.Threading.Channels;
using GitOps.Model.Objects;

namespace GitOps.Gateway.Watch;

/// <summary>
/// One watcher's place in the watch cache: a bounded queue of live events of its type (and
/// namespace), the backlog from the cache's ring at subscription, and, when the ring did not
/// reach back far enough, the range the watcher must read from the store first. The cache never
/// waits on a watcher: when the queue is full the subscription is marked overflowed and completed.
/// </summary>
internal sealed class WatchSubscription : IDisposable
{
    private readonly Channel<CachedEvent> _queue;
    private readonly Action<WatchSubscription> _unsubscribe;
    private int _overflowed;
    private int _disposed;

    public WatchSubscription(ResourceType type, string? @namespace, long afterResourceVersion, int capacity, Action<WatchSubscription> unsubscribe)
    {
        Type = type;
        Namespace = @namespace;
        AfterResourceVersion = afterResourceVersion;
        _unsubscribe = unsubscribe;
        _queue = Channel.CreateBounded<CachedEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ResourceType Type { get; }

    public string? Namespace { get; }

    /// <summary>Only events after this resourceVersion are delivered.</summary>
    public long AfterResourceVersion { get; }

    /// <summary>Ring events after <see cref="AfterResourceVersion"/> present at subscription, oldest first.</summary>
    public IReadOnlyList<CachedEvent> Backlog { get; set; } = [];

    /// <summary>When set, events in (AfterResourceVersion, CatchUpUntil] must be read from the store first.</summary>
    public long? CatchUpUntil { get; set; }

    /// <summary>True when the cache dropped events for this watcher because its queue was full.</summary>
    public bool Overflowed => Volatile.Read(ref _overflowed) == 1;

    /// <summary>True when the cache itself lost events (the change log was compacted under it).</summary>
    public bool Expired { get; private set; }

    public ChannelReader<CachedEvent> Reader => _queue.Reader;

    public bool Accepts(CachedEvent cached) =>
        Namespace is null || string.Equals(Namespace, cached.Key.Namespace, StringComparison.Ordinal);

    /// <summary>Called by the cache (under its lock); never blocks.</summary>
    public void Offer(CachedEvent cached)
    {
        if (cached.ResourceVersion <= AfterResourceVersion || Overflowed)
            return;
        if (!_queue.Writer.TryWrite(cached))
        {
            Volatile.Write(ref _overflowed, 1);
            _queue.Writer.TryComplete();
        }
    }

    /// <summary>Called by the cache when it can no longer give this watcher a gapless stream.</summary>
    public void Expire()
    {
        Expired = true;
        _queue.Writer.TryComplete();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Writer.TryComplete();
            _unsubscribe(this);
        }
    }
}
