using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

/// <summary>A container environment variable: a literal <see cref="Value"/> or a reference in <see cref="ValueFrom"/>.</summary>
public sealed record EnvVar(string Name, string? Value = null, EnvVarSource? ValueFrom = null)
{
    public static EnvVar FromJson(JsonObject node) =>
        new(node.GetString("name") ?? "", node.GetString("value"), node.GetObject("valueFrom") is { } from ? EnvVarSource.FromJson(from) : null);

    public JsonObject ToJson()
    {
        var node = new JsonObject { ["name"] = Name };
        node.SetString("value", Value);
        if (ValueFrom is not null)
            node["valueFrom"] = ValueFrom.ToJson();
        return node;
    }
}
