using System.Globalization;
using System.Text.Json.Nodes;

namespace GitOps.Model.Json;

/// <summary>Small typed accessors over <see cref="JsonObject"/> fields, used by the typed views so they read and write through to the tree.</summary>
public static class JsonFields
{
    public static string? GetString(this JsonObject node, string key) =>
        node[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static void SetString(this JsonObject node, string key, string? value)
    {
        if (value is null)
            node.Remove(key);
        else
            node[key] = value;
    }

    public static long? GetLong(this JsonObject node, string key) => ToLong(node[key]);

    /// <summary>
    /// A whole number however the node holds it: parsed JSON, or an int, long, double or decimal a
    /// component set in this process (TryGetValue&lt;long&gt; alone misses an int the memory store kept).
    /// </summary>
    public static long? ToLong(JsonNode? node)
    {
        if (node is not JsonValue v)
            return null;
        if (v.TryGetValue<long>(out var l))
            return l;
        if (v.TryGetValue<int>(out var i))
            return i;
        if (v.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15)
            return (long)d;
        if (v.TryGetValue<decimal>(out var m) && m == decimal.Truncate(m) && m is >= long.MinValue and <= long.MaxValue)
            return (long)m;
        return v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) ? p : null;
    }

    public static int? GetInt(this JsonObject node, string key) =>
        GetLong(node, key) is { } l && l is >= int.MinValue and <= int.MaxValue ? (int)l : null;

    public static void SetLong(this JsonObject node, string key, long? value)
    {
        if (value is null)
            node.Remove(key);
        else
            node[key] = value.Value;
    }

    public static void SetInt(this JsonObject node, string key, int? value)
    {
        if (value is null)
            node.Remove(key);
        else
            node[key] = value.Value;
    }

    public static bool? GetBool(this JsonObject node, string key) =>
        node[key] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static void SetBool(this JsonObject node, string key, bool? value)
    {
        if (value is null)
            node.Remove(key);
        else
            node[key] = value.Value;
    }

    /// <summary>Kubernetes' time format (RFC 3339, second precision, UTC).</summary>
    public static DateTimeOffset? GetTime(this JsonObject node, string key) =>
        GetString(node, key) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;

    public static void SetTime(this JsonObject node, string key, DateTimeOffset? value) =>
        SetString(node, key, value is null ? null : FormatTime(value.Value));

    /// <summary>Kubernetes' MicroTime format (RFC 3339 with microseconds, UTC), used by Lease and Event.</summary>
    public static void SetMicroTime(this JsonObject node, string key, DateTimeOffset? value) =>
        SetString(node, key, value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));

    public static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonObject? GetObject(this JsonObject node, string key) => node[key] as JsonObject;

    /// <summary>The child object, created empty when missing (or when the field holds something else).</summary>
    public static JsonObject EnsureObject(this JsonObject node, string key)
    {
        if (node[key] is JsonObject existing)
            return existing;
        var created = new JsonObject();
        node[key] = created;
        return created;
    }

    public static JsonObject? GetPath(this JsonObject node, params ReadOnlySpan<string> path)
    {
        JsonObject? current = node;
        foreach (var segment in path)
        {
            current = current?[segment] as JsonObject;
            if (current is null)
                return null;
        }
        return current;
    }

    public static JsonObject EnsurePath(this JsonObject node, params ReadOnlySpan<string> path)
    {
        var current = node;
        foreach (var segment in path)
            current = EnsureObject(current, segment);
        return current;
    }

    public static IReadOnlyList<string> GetStringList(this JsonObject node, string key) =>
        node[key] is JsonArray array
            ? array.Select(e => e is JsonValue v && v.TryGetValue<string>(out var s) ? s : e?.ToJsonString() ?? "").ToArray()
            : [];

    public static void SetStringList(this JsonObject node, string key, IEnumerable<string>? values)
    {
        var list = values?.ToArray();
        if (list is null || list.Length == 0)
            node.Remove(key);
        else
            node[key] = new JsonArray(list.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
    }

    public static IReadOnlyDictionary<string, string> GetStringMap(this JsonObject node, string key)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node[key] is JsonObject obj)
        {
            foreach (var (k, v) in obj)
                map[k] = v is JsonValue value && value.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? "";
        }
        return map;
    }

    public static void SetStringMap(this JsonObject node, string key, IEnumerable<KeyValuePair<string, string>>? values)
    {
        var obj = new JsonObject();
        foreach (var (k, v) in values ?? [])
            obj[k] = v;
        if (obj.Count == 0)
            node.Remove(key);
        else
            node[key] = obj;
    }

    public static IEnumerable<JsonObject> GetObjects(this JsonObject node, string key) =>
        node[key] is JsonArray array ? array.OfType<JsonObject>() : [];

    public static void SetObjects(this JsonObject node, string key, IEnumerable<JsonObject> items)
    {
        var array = new JsonArray(items.Cast<JsonNode?>().ToArray());
        if (array.Count == 0)
            node.Remove(key);
        else
            node[key] = array;
    }
}
