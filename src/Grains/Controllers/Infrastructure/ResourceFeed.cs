using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>
/// An informer for a controller that keeps its own in-memory view (scheduler cache, ownership graph):
/// it lists the given kinds once, then applies the change log after the listed snapshot, and relists
/// when the log has been compacted past its cursor. How to use: keep one per grain activation and call
/// <see cref="SyncAsync"/> at the start of each reconcile with a handler that updates your view. The
/// handler sees each object's versions in order, each at most once; on a relist, objects that vanished
/// meanwhile are reported as Deleted with a null object and the rest as Upserted. With
/// <c>followOtherKinds</c> the feed also follows kinds not in <c>types</c> that appear in the change log
/// (and relists them too once seen).
/// </summary>
public sealed class ResourceFeed(IResourceStore store, IReadOnlyCollection<ResourceType> types, bool followOtherKinds = false, int pageSize = 1000)
{
    private const int MaxPagesPerSync = 50;
    private const int ListAttempts = 3;

    private readonly HashSet<ResourceType> _types = [.. types];
    private Dictionary<ResourceKey, long> _versions = [];
    private long? _cursor;

    /// <summary>Also follows (and relists from now on) <paramref name="type"/>, e.g. an owner kind found outside the feed.</summary>
    public void Follow(ResourceType type) => _types.Add(type);

    /// <summary>Every change up to this resourceVersion has been handed to a handler.</summary>
    public long ResourceVersion => _cursor ?? 0;

    /// <summary>
    /// Hands the handler what changed since the last call; returns true when it caught up with the log
    /// (false: more is waiting; call again, e.g. after a requeue).
    /// </summary>
    public async Task<bool> SyncAsync(Action<FeedChange> handle, CancellationToken cancellationToken)
    {
        if (_cursor is null)
        {
            await RelistAsync(handle, cancellationToken);
            return true;
        }
        for (var page = 0; page < MaxPagesPerSync; page++)
        {
            var batch = await store.ReadChangesAsync(_cursor.Value, pageSize, cancellationToken);
            if (batch.Expired)
            {
                await RelistAsync(handle, cancellationToken);
                return true;
            }
            foreach (var change in batch.Events)
                Apply(change, handle);
            if (batch.Events.Count > 0)
                _cursor = batch.Events[^1].ResourceVersion;
            if (batch.Events.Count < pageSize)
                return true;
        }
        return false;
    }

    private void Apply(ChangeEvent change, Action<FeedChange> handle)
    {
        if (!_types.Contains(change.Key.Type))
        {
            if (!followOtherKinds)
                return;
            _types.Add(change.Key.Type);
        }
        if (_versions.TryGetValue(change.Key, out var known) && known >= change.ResourceVersion)
            return;
        if (change.Type == ChangeType.Deleted)
        {
            _versions.Remove(change.Key);
            handle(new FeedChange(FeedChangeKind.Deleted, change.Key, change.Object));
            return;
        }
        _versions[change.Key] = change.ResourceVersion;
        handle(new FeedChange(FeedChangeKind.Upserted, change.Key, change.Object));
    }

    private async Task RelistAsync(Action<FeedChange> handle, CancellationToken cancellationToken)
    {
        var oldest = await store.GetCurrentResourceVersionAsync(cancellationToken);
        var listed = new Dictionary<ResourceKey, KubeObject>();
        foreach (var type in _types.ToArray())
            oldest = Math.Min(oldest, await ListTypeAsync(type, listed, cancellationToken));
        foreach (var key in _versions.Keys)
        {
            if (!listed.ContainsKey(key))
                handle(new FeedChange(FeedChangeKind.Deleted, key, null));
        }
        var versions = new Dictionary<ResourceKey, long>(listed.Count);
        foreach (var (key, obj) in listed)
        {
            versions[key] = obj.Metadata.ResourceVersionNumber;
            handle(new FeedChange(FeedChangeKind.Upserted, key, obj));
        }
        _versions = versions;
        // Each kind was listed at its own snapshot; replaying the log from the oldest one is safe because
        // events at or below an object's listed version are skipped.
        _cursor = oldest;
    }

    /// <summary>Lists one kind into <paramref name="listed"/>; returns the snapshot's resourceVersion.</summary>
    private async Task<long> ListTypeAsync(ResourceType type, Dictionary<ResourceKey, KubeObject> listed, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var items = new List<KubeObject>();
            string? next = null;
            long snapshot = 0;
            var expired = false;
            do
            {
                var page = await store.ListAsync(new ListQuery(type, Limit: pageSize, Continue: next), cancellationToken);
                if (page.Expired || page.InvalidContinue)
                {
                    expired = true;
                    break;
                }
                if (next is null)
                    snapshot = page.ResourceVersion;
                items.AddRange(page.Items);
                next = page.Continue;
            }
            while (next is not null);
            if (expired && attempt < ListAttempts)
                continue;
            if (expired)
                throw new InvalidOperationException($"Listing {type} kept expiring after {ListAttempts} attempts: the change log is compacted faster than a list completes; keep the change log longer.");
            foreach (var obj in items)
                listed[ResourceKey.Of(obj)] = obj;
            return snapshot;
        }
    }
}
