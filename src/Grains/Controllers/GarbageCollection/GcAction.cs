using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.GarbageCollection;

/// <summary>
/// One write the garbage collector decided on, always aimed at one object by key and uid (so a
/// re-created object of the same name is never touched): delete it with <see cref="Policy"/>, drop its
/// references to <see cref="OwnerUids"/>, or remove <see cref="Finalizer"/>.
/// </summary>
public sealed record GcAction(
    GcActionKind Kind,
    ResourceKey Key,
    string Uid,
    string? Policy = null,
    IReadOnlyList<string>? OwnerUids = null,
    string? Finalizer = null)
{
    public static GcAction Delete(GraphNode node, string policy) => new(GcActionKind.Delete, node.Key, node.Uid, Policy: policy);

    public static GcAction RemoveOwners(GraphNode node, IReadOnlyList<string> ownerUids) => new(GcActionKind.RemoveOwnerReferences, node.Key, node.Uid, OwnerUids: ownerUids);

    public static GcAction RemoveFinalizer(GraphNode node, string finalizer) => new(GcActionKind.RemoveFinalizer, node.Key, node.Uid, Finalizer: finalizer);

    public override string ToString() => Kind switch
    {
        GcActionKind.Delete => $"delete {Key} ({Policy})",
        GcActionKind.RemoveOwnerReferences => $"remove owner references {string.Join(",", OwnerUids ?? [])} from {Key}",
        _ => $"remove finalizer {Finalizer} from {Key}",
    };
}
