using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Gateway.Tables;

/// <summary>Reads values out of an object's JSON tree by path, tolerating absent or mistyped fields.</summary>
internal static class Fields
{
    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        foreach (var segment in path)
            node = (node as JsonObject)?[segment];
        return node;
    }

    public static string Text(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue v
            ? v.TryGetValue<string>(out var s) ? s : v.ToJsonString()
            : "";

    public static long Number(JsonNode? node, params string[] path) => JsonFields.ToLong(At(node, path)) ?? 0;

    public static bool Flag(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static IEnumerable<JsonObject> Items(JsonNode? node, params string[] path) =>
        At(node, path) is JsonArray array ? array.OfType<JsonObject>() : [];

    public static int Count(JsonNode? node, params string[] path) =>
        At(node, path) switch
        {
            JsonObject o => o.Count,
            JsonArray a => a.Count,
            _ => 0,
        };

    public static string OrNone(string value) => string.IsNullOrEmpty(value) ? "<none>" : value;

    public static string Selector(JsonNode? selector)
    {
        var labels = At(selector, "matchLabels") as JsonObject ?? (At(selector, "matchExpressions") is null ? selector as JsonObject : null);
        if (labels is null || labels.Count == 0)
            return "<none>";
        return string.Join(",", labels.Select(p => $"{p.Key}={Text(p.Value)}"));
    }

    public static string Containers(JsonNode? podSpec) =>
        OrNone(string.Join(",", Items(podSpec, "containers").Select(c => Text(c, "name"))));

    public static string Images(JsonNode? podSpec) =>
        OrNone(string.Join(",", Items(podSpec, "containers").Select(c => Text(c, "image"))));
}
