using GitOps.Model.Objects;

namespace GitOps.Store;

/// <summary>
/// The store of resource objects with Kubernetes semantics. Every successful write takes the
/// next value of one global, increasing resourceVersion, stamps it into
/// <c>metadata.resourceVersion</c>, and appends a change event in the same transaction.
/// Expected outcomes (not found, already exists, conflict) are values, not exceptions.
/// Writers are resource grains (one writer per object); readers are the gateway and controllers.
/// </summary>
public interface IResourceStore
{
    /// <summary>
    /// Applies one write. Concurrent calls may be committed together in one transaction
    /// (group commit); each write's precondition is checked on its own.
    /// </summary>
    Task<WriteResult> WriteAsync(ResourceWrite write, CancellationToken cancellationToken);

    /// <summary>Applies several writes in one transaction; each write's precondition is checked on its own.</summary>
    Task<IReadOnlyList<WriteResult>> WriteBatchAsync(IReadOnlyList<ResourceWrite> writes, CancellationToken cancellationToken);

    Task<KubeObject?> GetAsync(ResourceKey key, CancellationToken cancellationToken);

    /// <summary>
    /// One page of objects of one type, ordered by (namespace, name). All pages of one list (the
    /// first page and those fetched with its continue token) are a consistent snapshot at the
    /// first page's resourceVersion; when the change log no longer covers that snapshot the
    /// answer is <see cref="ListPage.Expired"/>.
    /// </summary>
    Task<ListPage> ListAsync(ListQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Change events with resourceVersion greater than <paramref name="afterResourceVersion"/>,
    /// in order and without gaps, at most <paramref name="max"/>. When events after that
    /// version have been compacted away, the answer is <see cref="ChangeBatch.Expired"/>.
    /// </summary>
    Task<ChangeBatch> ReadChangesAsync(long afterResourceVersion, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Completes when a change with resourceVersion greater than <paramref name="afterResourceVersion"/>
    /// has been committed (at once if one already has), or when cancelled. Lets watch caches and
    /// controllers wait for changes instead of polling in a tight loop.
    /// </summary>
    Task WaitForChangesAsync(long afterResourceVersion, CancellationToken cancellationToken);

    /// <summary>The resourceVersion of the latest committed write (0 when none).</summary>
    Task<long> GetCurrentResourceVersionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Drops change events older than <paramref name="olderThan"/>, keeping at least <paramref name="keepLatest"/>.
    /// Answers how many events stopped being readable through <see cref="ReadChangesAsync"/>. As etcd
    /// does, each object's latest state at the compaction point stays available to list snapshots.
    /// </summary>
    Task<long> CompactAsync(TimeSpan olderThan, int keepLatest, CancellationToken cancellationToken);
}
