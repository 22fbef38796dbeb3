using System.Text.Json.Nodes;
using GitOps.Model.Objects;

namespace GitOps.Model.Selectors;

public sealed partial record FieldSelector
{
    public bool Matches(KubeObject obj)
    {
        foreach (var requirement in Requirements)
        {
            var equal = string.Equals(ValueAt(obj.Root, requirement.Field), requirement.Value, StringComparison.Ordinal);
            if (equal == requirement.Negated)
                return false;
        }
        return true;
    }

    /// <summary>The string value at a dotted path ("spec.nodeName"); "" when absent, as Kubernetes compares it.</summary>
    public static string ValueAt(JsonObject root, string dottedPath)
    {
        JsonNode? node = root;
        foreach (var segment in dottedPath.Split('.'))
        {
            node = (node as JsonObject)?[segment];
            if (node is null)
                return "";
        }
        return node is JsonValue value
            ? value.TryGetValue<string>(out var s) ? s : value.ToJsonString()
            : node.ToJsonString();
    }
}
