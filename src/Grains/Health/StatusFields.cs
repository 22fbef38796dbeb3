using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Grains.Health;

/// <summary>Tolerant reads of status and spec fields: a missing or mistyped field reads as absent, never throws.</summary>
internal static class StatusFields
{
    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        foreach (var segment in path)
        {
            node = (node as JsonObject)?[segment];
            if (node is null)
                return null;
        }
        return node;
    }

    /// <summary>A whole number however it is held (parsed JSON, or an int/long/double set in code).</summary>
    public static long? Long(JsonNode? node, params string[] path) =>
        path.Length > 0 && At(node, path[..^1]) is JsonObject parent ? parent.GetLong(path[^1]) : null;

    public static string String(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    public static bool Bool(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    public static IEnumerable<JsonObject> Objects(JsonNode? node, params string[] path) =>
        At(node, path) is JsonArray array ? array.OfType<JsonObject>() : [];

    /// <summary>The condition of this type in <c>status.conditions</c>, if any.</summary>
    public static ConditionFields? Condition(JsonNode? status, string type) =>
        Objects(status, "conditions")
            .Where(c => String(c, "type") == type)
            .Select(c => new ConditionFields(String(c, "status"), String(c, "reason"), String(c, "message")))
            .FirstOrDefault();
}
