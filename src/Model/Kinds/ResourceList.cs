using System.Text.Json.Nodes;
using GitOps.Model.Quantities;

namespace GitOps.Model.Kinds;

/// <summary>Reads and writes maps of resource name to quantity (requests, limits, capacity, allocatable).</summary>
public static class ResourceList
{
    /// <summary>The quantities in <paramref name="node"/>; entries that do not parse are left out (validation reports them).</summary>
    public static IReadOnlyDictionary<string, Quantity> Read(JsonObject? node)
    {
        var map = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        if (node is null)
            return map;
        foreach (var (name, value) in node)
        {
            if (Quantity.TryParse(value, out var quantity, out _))
                map[name] = quantity;
        }
        return map;
    }

    public static JsonObject ToJson(IEnumerable<KeyValuePair<string, Quantity>> resources)
    {
        var node = new JsonObject();
        foreach (var (name, quantity) in resources)
            node[name] = quantity.ToString();
        return node;
    }

    /// <summary>Adds <paramref name="add"/> into <paramref name="total"/> per resource name.</summary>
    public static void AddTo(Dictionary<string, Quantity> total, IReadOnlyDictionary<string, Quantity> add)
    {
        foreach (var (name, quantity) in add)
            total[name] = total.TryGetValue(name, out var existing) ? existing + quantity : quantity;
    }

    /// <summary>Raises each entry of <paramref name="total"/> to at least the one in <paramref name="other"/>.</summary>
    public static void MaxInto(Dictionary<string, Quantity> total, IReadOnlyDictionary<string, Quantity> other)
    {
        foreach (var (name, quantity) in other)
            total[name] = total.TryGetValue(name, out var existing) ? Quantity.Max(existing, quantity) : quantity;
    }
}
