using System.Collections.Concurrent;
using GitOps.Model.Objects;
using GitOps.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Informers;

/// <summary>
/// The silo's shared informers (as client-go's SharedInformerFactory): one <see cref="Informer"/> per kind,
/// created on first request, all kept by one follower of the store's change log (<see cref="ChangeLogFollower"/>)
/// with one retry and one relist policy. How to use: inject it; <see cref="For"/> a kind and read or add
/// handlers; <see cref="ConsistentReadAsync"/> before a read that must see everything committed so far;
/// <see cref="Follow"/> (or register an <see cref="IChangeStreamHandler"/>) for the raw stream of every kind.
/// Nothing else in the silo reads the change log (<see cref="ReadHistoryAsync"/> serves watches older than it).
/// </summary>
public sealed class SharedInformerFactory
{
    private readonly ConcurrentDictionary<ResourceType, Informer> _informers = new();
    private readonly ConcurrentDictionary<ResourceKey, byte> _mutated = new();
    private readonly object _gate = new();
    private readonly IResourceStore _store;
    private readonly InformerOptions _options;
    private readonly ILogger<SharedInformerFactory> _logger;
    private readonly TaskCompletionSource _caughtUpOnce = NewSignal();
    private IChangeStreamHandler[] _streamHandlers;
    private TaskCompletionSource _progress = NewSignal();
    private TaskCompletionSource _kindRequested = NewSignal();
    private long _resourceVersion;
    private string? _lastError;

    public SharedInformerFactory(
        IResourceStore store,
        IEnumerable<IChangeStreamHandler> streamHandlers,
        IOptions<InformerOptions> options,
        ILogger<SharedInformerFactory> logger)
    {
        _store = store;
        _options = options.Value;
        _logger = logger;
        _streamHandlers = streamHandlers.ToArray();
    }

    /// <summary>Every change up to this resourceVersion has been applied to the informers and streamed.</summary>
    public long ResourceVersion => Interlocked.Read(ref _resourceVersion);

    /// <summary>True once the follower has read the change log it found at start.</summary>
    public bool HasCaughtUp => _caughtUpOnce.Task.IsCompleted;

    /// <summary>The last error reading the change log, null while healthy.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>The informer of <paramref name="type"/>; the first request creates it and makes the follower list the kind.</summary>
    public Informer For(ResourceType type)
    {
        if (_informers.TryGetValue(type, out var informer))
            return informer;
        var created = new Informer(type, this, _options.DetectMutations);
        informer = _informers.GetOrAdd(type, created);
        if (ReferenceEquals(informer, created))
            Interlocked.Exchange(ref _kindRequested, NewSignal()).TrySetResult();
        return informer;
    }

    /// <summary>
    /// The informer of <paramref name="type"/> once it reflects everything committed when this was called: a
    /// read from it sees the caller's own earlier writes. Throws <see cref="TimeoutException"/> after
    /// <see cref="InformerOptions.ConsistentReadTimeout"/>.
    /// </summary>
    public async Task<Informer> ConsistentReadAsync(ResourceType type, CancellationToken cancellationToken)
    {
        var informer = For(type);
        var current = await CurrentResourceVersionAsync(cancellationToken);
        await informer.WaitUntilCurrentAsync(current, cancellationToken);
        return informer;
    }

    /// <summary>The store's current resourceVersion: what a consistent read waits for.</summary>
    public Task<long> CurrentResourceVersionAsync(CancellationToken cancellationToken) => _store.GetCurrentResourceVersionAsync(cancellationToken);

    /// <summary>Streams every later change of every kind to <paramref name="handler"/> until the registration is disposed.</summary>
    public IDisposable Follow(IChangeStreamHandler handler)
    {
        lock (_gate)
            _streamHandlers = [.. _streamHandlers, handler];
        if (handler.InformsEveryKind)
            Interlocked.Exchange(ref _kindRequested, NewSignal()).TrySetResult();
        return new StreamRegistration(this, handler);
    }

    /// <summary>
    /// Reads the change log after <paramref name="afterResourceVersion"/> directly: for a watch that resumes
    /// from before what a stream handler kept. Expired when that part was compacted.
    /// </summary>
    public Task<ChangeBatch> ReadHistoryAsync(long afterResourceVersion, int max, CancellationToken cancellationToken) =>
        _store.ReadChangesAsync(afterResourceVersion, max, cancellationToken);

    /// <summary>Keys of cached objects a caller changed in place (only with <see cref="InformerOptions.DetectMutations"/>).</summary>
    public IReadOnlyList<string> FindMutatedObjects() =>
        _mutated.Keys.Select(k => k.ToString()).Concat(_informers.Values.SelectMany(i => i.FindMutated())).Distinct().Order(StringComparer.Ordinal).ToArray();

    internal IReadOnlyCollection<Informer> Informers => _informers.Values.ToArray();

    /// <summary>Completes when a kind is first requested, or a handler that informs every kind arrives.</summary>
    internal Task KindRequested => Volatile.Read(ref _kindRequested).Task;

    internal bool InformsEveryKind => Volatile.Read(ref _streamHandlers).Any(h => h.InformsEveryKind);

    /// <summary>Applies a batch read from the change log to the informers, then streams it; returns the kinds no informer follows yet.</summary>
    internal IReadOnlyCollection<ResourceType> Deliver(IReadOnlyList<ChangeEvent> events)
    {
        var streamed = new StreamedChange[events.Count];
        var unknown = new HashSet<ResourceType>();
        for (var i = 0; i < events.Count; i++)
        {
            var change = events[i];
            JsonTrees.Materialize(change.Object);
            KubeObject? previous = null;
            if (_informers.TryGetValue(change.Key.Type, out var informer))
                previous = informer.Apply(change);
            else
                unknown.Add(change.Key.Type);
            streamed[i] = new StreamedChange(change, previous);
        }
        Stream(h => h.OnChanges(streamed));
        Advance(events[^1].ResourceVersion);
        return unknown;
    }

    internal void Advance(long resourceVersion)
    {
        if (resourceVersion > Interlocked.Read(ref _resourceVersion))
            Interlocked.Exchange(ref _resourceVersion, resourceVersion);
        SignalProgress();
    }

    internal void SignalProgress() => Interlocked.Exchange(ref _progress, NewSignal()).TrySetResult();

    internal void Expired(long after, long oldestAvailable) => Stream(h => h.OnExpired(after, oldestAvailable));

    internal void CaughtUp(long resourceVersion)
    {
        Volatile.Write(ref _lastError, null);
        Stream(h => h.OnCaughtUp(resourceVersion));
        _caughtUpOnce.TrySetResult();
    }

    internal void ReadFailed(long after, Exception exception)
    {
        Volatile.Write(ref _lastError, exception.Message);
        Stream(h => h.OnReadFailed(after, exception));
    }

    internal async Task WaitUntilAsync(Func<bool> reached, Func<string> describe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConsistentReadTimeout);
        try
        {
            while (true)
            {
                var progress = Volatile.Read(ref _progress).Task;
                if (reached())
                    return;
                await progress.WaitAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var why = LastError is { } error ? $"reading the change log fails: {error}" : "the change log follower is behind";
            throw new TimeoutException(
                $"{describe()} within {_options.ConsistentReadTimeout} ({InformerOptions.SectionName}:ConsistentReadTimeout); {why}.");
        }
    }

    internal void ReportMutation(ResourceKey key)
    {
        if (_mutated.TryAdd(key, 0))
            InformerLog.CachedObjectMutated(_logger, key.Kind, key.Namespace, key.Name);
    }

    internal void ReportHandlerFailure(ResourceType type, IInformerHandler handler, Exception exception) =>
        InformerLog.HandlerFailed(_logger, type.ToString(), handler.GetType().Name, exception);

    private void Stream(Action<IChangeStreamHandler> call)
    {
        foreach (var handler in Volatile.Read(ref _streamHandlers))
        {
            try
            {
                call(handler);
            }
            catch (Exception e)
            {
                // One faulty handler must not stop the others or the follower.
                InformerLog.HandlerFailed(_logger, "*", handler.GetType().Name, e);
            }
        }
    }

    private void Unfollow(IChangeStreamHandler handler)
    {
        lock (_gate)
            _streamHandlers = _streamHandlers.Where(h => !ReferenceEquals(h, handler)).ToArray();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class StreamRegistration(SharedInformerFactory factory, IChangeStreamHandler handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                factory.Unfollow(handler);
        }
    }
}
