using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

/// <summary>A pod toleration. An empty key with operator Exists tolerates every taint; an empty effect matches every effect.</summary>
public sealed record Toleration(string? Key, string? Operator, string? Value, string? Effect, long? TolerationSeconds = null)
{
    public const string OperatorEqual = "Equal";
    public const string OperatorExists = "Exists";

    public static Toleration FromJson(JsonObject node) => new(
        node.GetString("key"),
        node.GetString("operator"),
        node.GetString("value"),
        node.GetString("effect"),
        node.GetLong("tolerationSeconds"));

    public JsonObject ToJson()
    {
        var node = new JsonObject();
        node.SetString("key", Key);
        node.SetString("operator", Operator);
        node.SetString("value", Value);
        node.SetString("effect", Effect);
        node.SetLong("tolerationSeconds", TolerationSeconds);
        return node;
    }

    /// <summary>Kubernetes' ToleratesTaint: effect and key match when set, then Equal compares values and Exists matches any.</summary>
    public bool Tolerates(Taint taint)
    {
        if (!string.IsNullOrEmpty(Effect) && Effect != taint.Effect)
            return false;
        if (!string.IsNullOrEmpty(Key) && Key != taint.Key)
            return false;
        return Operator switch
        {
            null or "" or OperatorEqual => (Value ?? "") == (taint.Value ?? ""),
            OperatorExists => true,
            _ => false,
        };
    }

    /// <summary>True when some toleration in <paramref name="tolerations"/> tolerates <paramref name="taint"/>.</summary>
    public static bool AnyTolerates(IEnumerable<Toleration> tolerations, Taint taint) => tolerations.Any(t => t.Tolerates(taint));
}
