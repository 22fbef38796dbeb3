using GitOps.Model.Objects;
using GitOps.Store.Changes;
using GitOps.Store.Queries;
using GitOps.Store.Writes;

namespace GitOps.Store.Memory;

/// <summary>
/// The embedded resource store: the same semantics as the PostgreSQL store (one global
/// resourceVersion, a gapless change log, snapshot lists, etcd-style compaction), held in this
/// process's memory. Every object handed out is a copy, as the PostgreSQL store's are, so a caller that
/// changes one (typed views add missing nodes when read) never changes what is stored.
/// </summary>
public sealed class MemoryResourceStore(TimeProvider timeProvider) : IResourceStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ResourceType, SortedDictionary<SnapshotKey, KeyHistory>> _byType = [];
    private readonly List<LoggedChange> _log = [];
    private readonly ChangeSignal _signal = new();
    private long _version;
    private long _compactedThrough;

    public MemoryResourceStore()
        : this(TimeProvider.System)
    {
    }

    public Task<WriteResult> WriteAsync(ResourceWrite write, CancellationToken cancellationToken)
    {
        WritePlanner.Validate(write);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Apply([write])[0]);
    }

    public Task<IReadOnlyList<WriteResult>> WriteBatchAsync(IReadOnlyList<ResourceWrite> writes, CancellationToken cancellationToken)
    {
        foreach (var write in writes)
            WritePlanner.Validate(write);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<WriteResult>>(writes.Count == 0 ? [] : Apply(writes));
    }

    public Task<KubeObject?> GetAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(
                _byType.TryGetValue(key.Type, out var objects) && objects.TryGetValue(new SnapshotKey(key.Namespace, key.Name), out var history)
                    ? history.Current?.DeepClone()
                    : null);
        }
    }

    public Task<ListPage> ListAsync(ListQuery query, CancellationToken cancellationToken)
    {
        ContinueToken? token = null;
        if (query.Continue is not null && (token = ContinueToken.TryDecode(query.Continue)) is null)
            return Task.FromResult(new ListPage([], 0, null, null, InvalidContinue: true));
        lock (_gate)
        {
            var snapshot = token?.ResourceVersion ?? _version;
            if (token is not null && (snapshot < _compactedThrough || snapshot > _version))
                return Task.FromResult(new ListPage([], snapshot, null, null, Expired: true));
            return Task.FromResult(ReadPage(query, snapshot, token is null ? null : new SnapshotKey(token.Namespace, token.Name)));
        }
    }

    public Task<ChangeBatch> ReadChangesAsync(long afterResourceVersion, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        lock (_gate)
        {
            if (afterResourceVersion < _compactedThrough)
                return Task.FromResult(new ChangeBatch([], true, _compactedThrough + 1));
            var start = (int)Math.Min(afterResourceVersion - _compactedThrough, _log.Count);
            var count = Math.Min(max, _log.Count - start);
            var events = new ChangeEvent[count];
            for (var i = 0; i < count; i++)
                events[i] = _log[start + i].Event with { Object = _log[start + i].Event.Object.DeepClone() };
            return Task.FromResult(new ChangeBatch(events, false, _compactedThrough + 1));
        }
    }

    public Task WaitForChangesAsync(long afterResourceVersion, CancellationToken cancellationToken) =>
        _signal.WaitAsync(afterResourceVersion, cancellationToken);

    public Task<long> GetCurrentResourceVersionAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_version);
    }

    public Task<long> CompactAsync(TimeSpan olderThan, int keepLatest, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepLatest);
        var cutoffTime = timeProvider.GetUtcNow() - olderThan;
        lock (_gate)
        {
            var removable = 0;
            while (removable < _log.Count - keepLatest && _log[removable].CommittedAt <= cutoffTime)
                removable++;
            if (removable == 0)
                return Task.FromResult(0L);
            var compactedThrough = _log[removable - 1].Event.ResourceVersion;
            _log.RemoveRange(0, removable);
            _compactedThrough = compactedThrough;
            foreach (var objects in _byType.Values)
            {
                var emptied = new List<SnapshotKey>();
                foreach (var (key, history) in objects)
                {
                    history.Compact(compactedThrough);
                    if (history.IsEmpty)
                        emptied.Add(key);
                }
                foreach (var key in emptied)
                    objects.Remove(key);
            }
            return Task.FromResult((long)removable);
        }
    }

    private WriteResult[] Apply(IReadOnlyList<ResourceWrite> writes)
    {
        long committed;
        WriteResult[] results;
        lock (_gate)
        {
            var stored = new Dictionary<ResourceKey, StoredState>();
            foreach (var write in writes)
            {
                if (!stored.ContainsKey(write.Key) && HistoryOf(write.Key, create: false)?.Current is { } current)
                    stored[write.Key] = new StoredState(current.Metadata.ResourceVersionNumber, current);
            }
            var plan = WritePlanner.Plan(writes, stored, _version);
            var now = timeProvider.GetUtcNow();
            foreach (var change in plan.Changes)
            {
                HistoryOf(change.Key, create: true)!.Add(change.ResourceVersion, change.Type == ChangeType.Deleted ? null : change.Object);
                _log.Add(new LoggedChange(change, now));
            }
            _version = plan.LastResourceVersion;
            committed = _version;
            results = plan.Results.Select(r => r.Object is null ? r : r with { Object = r.Object.DeepClone() }).ToArray();
        }
        _signal.Publish(committed);
        return results;
    }

    private KeyHistory? HistoryOf(ResourceKey key, bool create)
    {
        if (!_byType.TryGetValue(key.Type, out var objects))
        {
            if (!create)
                return null;
            objects = new SortedDictionary<SnapshotKey, KeyHistory>();
            _byType[key.Type] = objects;
        }
        var position = new SnapshotKey(key.Namespace, key.Name);
        if (!objects.TryGetValue(position, out var history) && create)
        {
            history = new KeyHistory();
            objects[position] = history;
        }
        return history;
    }

    private ListPage ReadPage(ListQuery query, long snapshot, SnapshotKey? after)
    {
        var items = new List<KubeObject>();
        if (!_byType.TryGetValue(query.Type, out var objects))
            return new ListPage(items, snapshot, null, null);
        SnapshotKey? last = null;
        long remaining = 0;
        foreach (var (key, history) in objects)
        {
            if (after is { } start && key.CompareTo(start) <= 0)
                continue;
            if (query.Namespace is not null && key.Namespace != query.Namespace)
                continue;
            var obj = history.At(snapshot);
            if (obj is null || !Matches(query, obj))
                continue;
            if (query.Limit is > 0 and var limit && items.Count >= limit)
            {
                remaining++;
                continue;
            }
            items.Add(obj.DeepClone());
            last = key;
        }
        if (remaining == 0 || last is null)
            return new ListPage(items, snapshot, null, null);
        var token = new ContinueToken(snapshot, last.Value.Namespace, last.Value.Name).Encode();
        return new ListPage(items, snapshot, token, remaining);
    }

    private static bool Matches(ListQuery query, KubeObject obj) =>
        (query.Labels is null || query.Labels.Matches(obj.Metadata.Labels))
        && (query.Fields is null || query.Fields.Matches(obj));
}
