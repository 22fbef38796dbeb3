using GitOps.Model.Objects;
using Orleans;
using Orleans.Runtime;

namespace GitOps.Grains.Resources;

/// <summary>
/// The single writer of one stored object; its key is <see cref="ResourceKey.ToString"/>.
/// Every write to an object (API, GitSync, controllers) goes through its grain, which computes it
/// on the object as it is now, in one turn; reads go to the store. Every write that changes the
/// object is validated (Invalid, with one <see cref="ResourceCause"/> per field), and every write
/// but <see cref="ApplyDesiredAsync"/> that changes a field the gitops field manager owns is
/// Forbidden while the owning source heals drift (<see cref="IGitSourceHealing"/>), with a message
/// naming the repository, file and commit to edit. Callers never mutate an object they passed in
/// or got back.
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

    /// <summary>Replaces status only (the status subresource); same precondition as <see cref="UpdateAsync"/>. Git never owns status.</summary>
    [Alias("UpdateStatusAsync")]
    Task<ResourceResult> UpdateStatusAsync(KubeObject obj, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the object, or, when it has finalizers, sets deletionTimestamp and keeps it until
    /// they are removed. Foreground and Orphan propagation add the Kubernetes finalizers
    /// (<c>foregroundDeletion</c>, <c>orphan</c>) for the garbage collector to act on. Conflict
    /// when <see cref="DeleteRequest.SyncRun"/> is older than the run of the same source that last
    /// changed the object. Forbidden for an object Git declares (see <see cref="DeleteRequest"/>).
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

    /// <summary>
    /// Applies a JSON, merge or strategic merge patch to the object as it is now, in one turn (no
    /// retry needed). A patch that sets <c>metadata.resourceVersion</c> makes it a precondition
    /// (Conflict when the stored one differs). A patch may not change the name, namespace, kind or
    /// group (BadRequest); one that does not apply is Invalid. With <see cref="PatchRequest.Subresource"/>
    /// Status only the patched status is written; with Scale the patch applies to the object's
    /// autoscaling/v1 Scale (see <see cref="ScaleView"/>) and only spec.replicas is written.
    /// </summary>
    [Alias("PatchAsync")]
    Task<ResourceResult> PatchAsync(PatchRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Server-side apply of <see cref="ApplyRequest.Intent"/> as <see cref="ApplyRequest.Manager"/>:
    /// the declared fields become the manager's, are written over the object (maps entry by entry,
    /// lists whole), and fields it declared last time and no longer declares are removed; a missing
    /// object is created. A declared field another applier owns with another value is a Conflict
    /// with one cause per field, naming the other manager, unless <see cref="ApplyRequest.Force"/>.
    /// </summary>
    [Alias("ApplyAsync")]
    Task<ResourceResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the scale subresource (PUT of an autoscaling/v1 Scale): writes its spec.replicas
    /// into the object, keeping everything else; its metadata.resourceVersion, when set, is a
    /// precondition. The answer's object is the whole object; <see cref="ScaleView.Of"/> gives its Scale.
    /// </summary>
    [Alias("ScaleAsync")]
    Task<ResourceResult> ScaleAsync(ScaleRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// A delete; <see cref="SyncRun"/> is set when a Git source's sync run prunes the object, so a stale
/// run cannot delete what a later run of the same source wrote. An object Git declares may only be
/// deleted by a sync run of its own source, or by the control plane because what held the object is
/// gone (<see cref="HolderGone"/>: the garbage collector's cascade after its owner was deleted, a
/// node's eviction of its pods), while its source heals drift.
/// </summary>
[GenerateSerializer, Immutable, Alias("GitOps.DeleteRequest")]
public sealed record DeleteRequest(
    string? PropagationPolicy = null,
    long? ExpectedResourceVersion = null,
    string? ExpectedUid = null,
    SourceRun? SyncRun = null,
    bool HolderGone = false);

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
public enum ResourceOutcome { Created, Updated, Unchanged, Deleted, DeletionPending, NotFound, AlreadyExists, Conflict, Invalid, Forbidden, BadRequest }

/// <summary>
/// The outcome of a write. <see cref="Object"/> is the object as now stored (for Deleted, its last
/// state; for Conflict, AlreadyExists and Forbidden, the stored one). <see cref="Message"/> explains
/// a failure; <see cref="Causes"/> names the fields at fault (Invalid) or the other field managers
/// (an apply's Conflict), one cause each.
/// </summary>
[GenerateSerializer, Alias("GitOps.ResourceResult")]
public sealed record ResourceResult(ResourceOutcome Outcome, KubeObject? Object, string? Message = null, IReadOnlyList<ResourceCause>? Causes = null)
{
    public bool Succeeded => Outcome is ResourceOutcome.Created or ResourceOutcome.Updated or ResourceOutcome.Unchanged
        or ResourceOutcome.Deleted or ResourceOutcome.DeletionPending;
}
