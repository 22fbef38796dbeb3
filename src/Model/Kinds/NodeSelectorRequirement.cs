using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

/// <summary>One requirement of a node selector term: operator In, NotIn, Exists, DoesNotExist, Gt or Lt.</summary>
public sealed record NodeSelectorRequirement(string Key, string Operator, IReadOnlyList<string> Values)
{
    public static NodeSelectorRequirement FromJson(JsonObject node) =>
        new(node.GetString("key") ?? "", node.GetString("operator") ?? "", node.GetStringList("values"));

    public JsonObject ToJson()
    {
        var node = new JsonObject { ["key"] = Key, ["operator"] = Operator };
        node.SetStringList("values", Values);
        return node;
    }

    /// <summary>Matches a label map as Kubernetes does; an unknown operator or a non-integer Gt/Lt operand never matches.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            "In" => present && Values.Contains(value!),
            "NotIn" => !present || !Values.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            "Gt" => present && Compare(value!) is > 0,
            "Lt" => present && Compare(value!) is < 0,
            _ => false,
        };
    }

    private int? Compare(string value) =>
        Values.Count == 1
        && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var left)
        && long.TryParse(Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var right)
            ? left.CompareTo(right)
            : null;
}
