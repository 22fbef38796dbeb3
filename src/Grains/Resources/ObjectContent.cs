using System.Text.Json.Nodes;
using GitOps.Model.Objects;

namespace GitOps.Grains.Resources;

/// <summary>Comparisons of stored objects that decide whether a write changes anything and whether generation moves.</summary>
internal static class ObjectContent
{
    /// <summary>
    /// True when the objects are the same apart from <c>metadata.resourceVersion</c> (which the store
    /// stamps), so writing one over the other would change nothing.
    /// </summary>
    public static bool SameIgnoringResourceVersion(KubeObject left, KubeObject right)
    {
        if (left.Root.Count != right.Root.Count)
            return false;
        foreach (var (name, value) in left.Root)
        {
            if (!right.Root.TryGetPropertyValue(name, out var other))
                return false;
            if (name == "metadata" ? !SameMetadata(value as JsonObject, other as JsonObject) : !JsonNode.DeepEquals(value, other))
                return false;
        }
        return true;
    }

    /// <summary>
    /// True when the desired state differs: every top-level field except metadata and status (spec
    /// for most kinds; data, rules, subjects for the kinds without a spec). Drives metadata.generation.
    /// </summary>
    public static bool DesiredStateDiffers(KubeObject left, KubeObject right)
    {
        foreach (var name in left.ContentFields.Union(right.ContentFields))
        {
            if (!JsonNode.DeepEquals(left.Root[name], right.Root[name]))
                return true;
        }
        return false;
    }

    private static bool SameMetadata(JsonObject? left, JsonObject? right)
    {
        if (left is null || right is null)
            return left is null && right is null;
        var leftCount = left.Count - (left.ContainsKey("resourceVersion") ? 1 : 0);
        var rightCount = right.Count - (right.ContainsKey("resourceVersion") ? 1 : 0);
        if (leftCount != rightCount)
            return false;
        foreach (var (name, value) in left)
        {
            if (name == "resourceVersion")
                continue;
            if (!right.TryGetPropertyValue(name, out var other) || !JsonNode.DeepEquals(value, other))
                return false;
        }
        return true;
    }
}
