using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.GarbageCollection;

/// <summary>
/// Who owns whom, by uid, for every object the garbage collector has seen (Kubernetes' GC graph). Each
/// change returns the uids whose cascading-deletion state may have changed ("dirty"), for the planner to
/// look at. Not thread-safe: owned by the garbage collector grain.
/// </summary>
public sealed class OwnershipGraph
{
    private readonly Dictionary<string, GraphNode> _byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<ResourceKey, string> _uidByKey = [];
    private readonly Dictionary<string, HashSet<string>> _dependents = new(StringComparer.Ordinal);

    public int Count => _byUid.Count;

    public GraphNode? Find(string uid) => _byUid.GetValueOrDefault(uid);

    /// <summary>The uids of objects that reference <paramref name="ownerUid"/> as an owner.</summary>
    public IReadOnlyCollection<string> DependentsOf(string ownerUid) =>
        _dependents.TryGetValue(ownerUid, out var set) ? set : [];

    public void Upsert(KubeObject obj, ISet<string> dirty)
    {
        var uid = obj.Metadata.Uid;
        if (string.IsNullOrEmpty(uid))
            return;
        var key = ResourceKey.Of(obj);
        if (_uidByKey.TryGetValue(key, out var previousUid) && previousUid != uid)
            Remove(key, dirty);
        var node = new GraphNode(uid, key, obj.ApiVersion, obj.Metadata.OwnerReferences, obj.Metadata.DeletionTimestamp is not null, obj.Metadata.Finalizers);
        var previous = _byUid.GetValueOrDefault(uid);
        if (previous is not null)
            Unlink(previous);
        _byUid[uid] = node;
        _uidByKey[key] = uid;
        Link(node);

        // An owner that waits for its dependents must look again when one changes or lets go of it.
        foreach (var ownerUid in node.Owners.Select(o => o.Uid).Concat(previous?.Owners.Select(o => o.Uid) ?? []))
        {
            if (_byUid.TryGetValue(ownerUid, out var owner) && owner.WaitsForDependents)
                dirty.Add(ownerUid);
        }
        if (node.WaitsForDependents || node.Owners.Any(o => !_byUid.ContainsKey(o.Uid)))
            dirty.Add(uid);
    }

    public void Remove(ResourceKey key, ISet<string> dirty)
    {
        if (!_uidByKey.Remove(key, out var uid) || !_byUid.Remove(uid, out var node))
            return;
        Unlink(node);
        dirty.Remove(uid);
        foreach (var dependent in DependentsOf(uid))
            dirty.Add(dependent);
        foreach (var owner in node.Owners)
        {
            if (_byUid.TryGetValue(owner.Uid, out var ownerNode) && ownerNode.WaitsForDependents)
                dirty.Add(owner.Uid);
        }
    }

    private void Link(GraphNode node)
    {
        foreach (var owner in node.Owners)
        {
            if (!_dependents.TryGetValue(owner.Uid, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                _dependents[owner.Uid] = set;
            }
            set.Add(node.Uid);
        }
    }

    private void Unlink(GraphNode node)
    {
        foreach (var owner in node.Owners)
        {
            if (_dependents.TryGetValue(owner.Uid, out var set) && set.Remove(node.Uid) && set.Count == 0)
                _dependents.Remove(owner.Uid);
        }
    }
}
