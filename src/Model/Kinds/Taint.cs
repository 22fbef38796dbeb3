using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

/// <summary>A node taint; <see cref="TimeAdded"/> is set for NoExecute taints so eviction can count from it.</summary>
public sealed record Taint(string Key, string? Value, string Effect, DateTimeOffset? TimeAdded = null)
{
    public static Taint FromJson(JsonObject node) =>
        new(node.GetString("key") ?? "", node.GetString("value"), node.GetString("effect") ?? "", node.GetTime("timeAdded"));

    public JsonObject ToJson()
    {
        var node = new JsonObject { ["key"] = Key };
        if (!string.IsNullOrEmpty(Value))
            node["value"] = Value;
        node["effect"] = Effect;
        if (TimeAdded is { } added)
            node.SetTime("timeAdded", added);
        return node;
    }

    /// <summary>Same key and effect (Kubernetes' MatchTaint): the identity of a taint on a node.</summary>
    public bool SameAs(Taint other) => Key == other.Key && Effect == other.Effect;

    public override string ToString() => string.IsNullOrEmpty(Value) ? $"{Key}:{Effect}" : $"{Key}={Value}:{Effect}";
}
