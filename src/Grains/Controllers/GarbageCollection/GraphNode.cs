using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.GarbageCollection;

/// <summary>One object in the <see cref="OwnershipGraph"/>.</summary>
public sealed record GraphNode(
    string Uid,
    ResourceKey Key,
    string ApiVersion,
    IReadOnlyList<OwnerReference> Owners,
    bool BeingDeleted,
    IReadOnlyList<string> Finalizers)
{
    public bool HasFinalizer(string finalizer) => Finalizers.Contains(finalizer);

    /// <summary>Being deleted in the foreground or orphaning: the collector must act before it can go.</summary>
    public bool WaitsForDependents => BeingDeleted && (HasFinalizer(GarbageCollection.Finalizers.ForegroundDeletion) || HasFinalizer(GarbageCollection.Finalizers.Orphan));
}
