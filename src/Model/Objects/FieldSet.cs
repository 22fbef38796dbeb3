using System.Text.Json.Nodes;

namespace GitOps.Model.Objects;

/// <summary>
/// The fields one manager owns in an object, kept as Kubernetes records them in
/// <c>metadata.managedFields[].fieldsV1</c>: <c>{"f:spec":{"f:replicas":{}}}</c>. A leaf (an empty
/// node) owns the whole value at its path: a scalar, a list (lists are owned whole) or an empty
/// map. An inner node owns only the children it names, so fields other writers added beside them
/// (a scheduler's <c>spec.nodeName</c>, say) are not the manager's.
/// </summary>
public sealed class FieldSet
{
    private const string Prefix = "f:";
    private readonly JsonObject _tree;

    private FieldSet(JsonObject tree) => _tree = tree;

    /// <summary>True when the set owns no field at all.</summary>
    public bool IsEmpty => _tree.Count == 0;

    /// <summary>Every field of <paramref name="content"/>: maps with entries are descended into, anything else is a leaf.</summary>
    public static FieldSet Declared(JsonObject content) => new(TreeOf(content));

    /// <summary>The set a <c>fieldsV1</c> tree records (entries that are not <c>f:</c> fields are ignored).</summary>
    public static FieldSet FromFieldsV1(JsonObject fieldsV1) => new((JsonObject)fieldsV1.DeepClone());

    /// <summary>The set <paramref name="manager"/> recorded in the object's managedFields, or null when it recorded none.</summary>
    public static FieldSet? OfManager(KubeObject obj, string manager)
    {
        var entry = (obj.Metadata.Node["managedFields"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(e => e["manager"] is JsonValue m && m.TryGetValue<string>(out var name) && name == manager);
        return entry is null ? null : FromFieldsV1(entry["fieldsV1"] as JsonObject ?? []);
    }

    /// <summary>The set as a <c>fieldsV1</c> tree.</summary>
    public JsonObject ToFieldsV1() => (JsonObject)_tree.DeepClone();

    /// <summary>The fields owned below <paramref name="path"/>, each named (empty when the path is not an inner node of the set).</summary>
    public FieldSet Child(params string[] path)
    {
        var node = _tree;
        foreach (var field in path)
        {
            if (node[Prefix + field] is not JsonObject { Count: > 0 } child)
                return new FieldSet([]);
            node = child;
        }
        return new FieldSet((JsonObject)node.DeepClone());
    }

    /// <summary>The names of the fields owned directly at the top of the set.</summary>
    public IEnumerable<string> TopLevelFields =>
        _tree.Where(p => p.Key.StartsWith(Prefix, StringComparison.Ordinal)).Select(p => p.Key[Prefix.Length..]).ToArray();

    /// <summary>The paths of the set's leaves, each a list of field names from the top.</summary>
    public IReadOnlyList<string[]> Leaves()
    {
        var leaves = new List<string[]>();
        CollectLeaves(_tree, [], leaves);
        return leaves;
    }

    /// <summary>True when the set owns the value at <paramref name="path"/>: a leaf there or above it, or an inner node there.</summary>
    public bool Owns(IReadOnlyList<string> path)
    {
        var node = _tree;
        foreach (var field in path)
        {
            if (node[Prefix + field] is not JsonObject child)
                return false;
            if (child.Count == 0)
                return true;
            node = child;
        }
        return true;
    }

    /// <summary>The set without what it owns at or below <paramref name="path"/> (a leaf above the path goes whole).</summary>
    public FieldSet Without(IReadOnlyList<string> path)
    {
        var tree = (JsonObject)_tree.DeepClone();
        RemovePath(tree, path, 0);
        return new FieldSet(tree);
    }

    /// <summary>A copy of the owned fields of <paramref name="source"/> (fields owned but absent are left out).</summary>
    public JsonObject Project(JsonObject source) => Project(_tree, source);

    /// <summary>
    /// Removes from <paramref name="target"/> the fields this set owned that <paramref name="kept"/>
    /// no longer owns, and maps left empty by that which <paramref name="kept"/> does not own.
    /// Fields other writers own stay.
    /// </summary>
    public void RemoveFieldsNotIn(FieldSet kept, JsonObject target) => Remove(_tree, kept._tree, target);

    public bool SameAs(FieldSet other) => JsonNode.DeepEquals(_tree, other._tree);

    /// <summary>
    /// Writes <paramref name="content"/> over <paramref name="target"/>: maps are merged entry by
    /// entry, anything else (scalars, lists, empty maps) replaces what is there.
    /// </summary>
    public static void Merge(JsonObject content, JsonObject target)
    {
        foreach (var (field, value) in content)
        {
            if (value is JsonObject { Count: > 0 } map && target[field] is JsonObject existing)
                Merge(map, existing);
            else
                target[field] = value?.DeepClone();
        }
    }

    private static void CollectLeaves(JsonObject node, List<string> path, List<string[]> leaves)
    {
        foreach (var (name, child) in node)
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
                continue;
            path.Add(name[Prefix.Length..]);
            if (child is JsonObject { Count: > 0 } inner)
                CollectLeaves(inner, path, leaves);
            else
                leaves.Add([.. path]);
            path.RemoveAt(path.Count - 1);
        }
    }

    /// <summary>Removes the node at path[depth..] (or the leaf covering it); true when <paramref name="node"/> was left empty.</summary>
    private static bool RemovePath(JsonObject node, IReadOnlyList<string> path, int depth)
    {
        var name = Prefix + path[depth];
        if (node[name] is not JsonObject child)
            return false;
        if (depth == path.Count - 1 || child.Count == 0 || RemovePath(child, path, depth + 1))
            node.Remove(name);
        return node.Count == 0;
    }

    private static JsonObject TreeOf(JsonObject content)
    {
        var tree = new JsonObject();
        foreach (var (field, value) in content)
            tree[Prefix + field] = value is JsonObject { Count: > 0 } map ? TreeOf(map) : new JsonObject();
        return tree;
    }

    private static JsonObject Project(JsonObject tree, JsonObject source)
    {
        var projection = new JsonObject();
        foreach (var (name, owned) in tree)
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !source.TryGetPropertyValue(name[Prefix.Length..], out var value))
                continue;
            projection[name[Prefix.Length..]] = owned is JsonObject { Count: > 0 } inner && value is JsonObject map
                ? Project(inner, map)
                : value?.DeepClone();
        }
        return projection;
    }

    private static void Remove(JsonObject owned, JsonObject? kept, JsonObject target)
    {
        foreach (var (name, ownedChild) in owned)
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
                continue;
            var field = name[Prefix.Length..];
            var keptChild = kept?[name] as JsonObject;
            if (keptChild is { Count: 0 })
                continue;
            if (ownedChild is not JsonObject { Count: > 0 } inner)
            {
                if (keptChild is null)
                    target.Remove(field);
                continue;
            }
            if (target[field] is not JsonObject map)
                continue;
            Remove(inner, keptChild, map);
            if (map.Count == 0 && keptChild is null)
                target.Remove(field);
        }
    }
}
