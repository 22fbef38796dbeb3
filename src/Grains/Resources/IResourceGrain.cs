using GitOps.Model.Objects;
using Orleans;
using Orleans.Runtime;

namespace GitOps.Grains.Resources;

/// <summary>
/// The single writer of one stored object; its key is <see cref="ResourceKey.ToString"/>.
/// Every write to an object (API, GitSync, controllers) goes through its grain; reads go to the
/// store. Callers never mutate an object they passed in or got back.
/// </summary>
[Alias("GitOps.IResourceGrain")]
public interface IResourceGrain : IGrainWithStringKey
{
    /// <summary>Creates the object: assigns uid, creationTimestamp and generation 1; AlreadyExists if present.</summary>
    [Alias("CreateAsync")]
    Task<ResourceResult> CreateAsync(KubeObject obj, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces metadata (labels, annotations, ownerReferences, finalizers) and spec, keeping status
    /// (PUT). When <c>metadata.resourceVersion</c> is set it must match the stored one (Conflict
    /// otherwise). <c>metadata.generation</c> increments when spec changes.
    /// </summary>
    [Alias("UpdateAsync")]
    Task<ResourceResult> UpdateAsync(KubeObject obj, CancellationToken cancellationToken);

    /// <summary>Replaces status only (the status subresource); same precondition as <see cref="UpdateAsync"/>.</summary>
    [Alias("UpdateStatusAsync")]
    Task<ResourceResult> UpdateStatusAsync(KubeObject obj, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the object, or, when it has finalizers, sets deletionTimestamp and keeps it until
    /// they are removed. Foreground and Orphan propagation add the Kubernetes finalizers
    /// (<c>foregroundDeletion</c>, <c>orphan</c>) for the garbage collector to act on. Conflict
    /// when <see cref="DeleteRequest.SyncRun"/> is older than the run of the same source that last
    /// changed the object.
    /// </summary>
    [Alias("DeleteAsync")]
    Task<ResourceResult> DeleteAsync(DeleteRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the object what Git declares: spec, labels and annotations from
    /// <see cref="DesiredObject.Object"/> plus the GitOps source metadata; status, uid and
    /// finalizers are kept. Creates the object when missing. Unchanged when nothing differs.
    /// Conflict when <see cref="DesiredObject.Run"/> is older than the run of the same source that
    /// last changed the object, and when another Git source manages the object (unless
    /// <see cref="DesiredObject.TakeOverFrom"/> names that source).
    /// </summary>
    [Alias("ApplyDesiredAsync")]
    Task<ResourceResult> ApplyDesiredAsync(DesiredObject desired, CancellationToken cancellationToken);
}

/// <summary>
/// A delete; <see cref="SyncRun"/> is set when a Git source's sync run prunes the object, so a stale
/// run cannot delete what a later run of the same source wrote.
/// </summary>
[GenerateSerializer, Immutable, Alias("GitOps.DeleteRequest")]
public sealed record DeleteRequest(
    string? PropagationPolicy = null,
    long? ExpectedResourceVersion = null,
    string? ExpectedUid = null,
    SourceRun? SyncRun = null);

/// <summary>A Git source's sync run, by its number; a source's run numbers only grow.</summary>
[GenerateSerializer, Immutable, Alias("GitOps.SourceRun")]
public sealed record SourceRun(string Source, long Number);

/// <summary>
/// An object as Git declares it, with where it came from and the sync run that applies it.
/// <see cref="TakeOverFrom"/> names a source that manages the object today and has let it go (it no
/// longer exists or no longer declares the object); without it, another source's object is a Conflict.
/// </summary>
[GenerateSerializer, Alias("GitOps.DesiredObject")]
public sealed record DesiredObject(KubeObject Object, string Source, string Repository, string Path, string Commit, long Run = 0, string? TakeOverFrom = null);

[GenerateSerializer, Alias("GitOps.ResourceOutcome")]
public enum ResourceOutcome { Created, Updated, Unchanged, Deleted, DeletionPending, NotFound, AlreadyExists, Conflict, Invalid }

/// <summary>
/// The outcome of a write. <see cref="Object"/> is the object as now stored (for Deleted, its last
/// state; for Conflict and AlreadyExists, the stored one). <see cref="Message"/> explains a failure.
/// </summary>
[GenerateSerializer, Alias("GitOps.ResourceResult")]
public sealed record ResourceResult(ResourceOutcome Outcome, KubeObject? Object, string? Message = null)
{
    public bool Succeeded => Outcome is ResourceOutcome.Created or ResourceOutcome.Updated or ResourceOutcome.Unchanged
        or ResourceOutcome.Deleted or ResourceOutcome.DeletionPending;
}
