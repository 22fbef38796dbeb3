using System.Globalization;
using System.Text.Json.Nodes;

namespace GitOps.Model.Patching;

/// <summary>
/// JSON patch (RFC 6902): add, remove, replace, move, copy and test, with JSON pointers (RFC 6901).
/// A patch that cannot be applied gives an error naming the operation and path, never an exception.
/// </summary>
public static class JsonPatch
{
    /// <summary>The patched document (a copy), or the reason the patch does not apply.</summary>
    public static (JsonNode? Result, string? Error) Apply(JsonNode? document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
            return (null, "a JSON patch must be an array of operations");
        var root = new JsonObject { ["doc"] = document?.DeepClone() };
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation)
                return (null, $"operation {i} is not an object");
            var error = ApplyOne(root, operation);
            if (error is not null)
                return (null, $"operation {i} ({operation.ToJsonString()}): {error}");
        }
        return (root["doc"], null);
    }

    private static string? ApplyOne(JsonObject root, JsonObject operation)
    {
        var op = Text(operation, "op");
        var path = Text(operation, "path");
        if (op is null)
            return "missing \"op\"";
        if (path is null)
            return "missing \"path\"";
        switch (op)
        {
            case "add":
                return operation.ContainsKey("value") ? Add(root, path, operation["value"]?.DeepClone()) : "missing \"value\"";
            case "remove":
                return Remove(root, path, out _);
            case "replace":
                if (!operation.ContainsKey("value"))
                    return "missing \"value\"";
                return Replace(root, path, operation["value"]?.DeepClone());
            case "move":
            {
                var from = Text(operation, "from");
                if (from is null)
                    return "missing \"from\"";
                return Remove(root, from, out var moved) ?? Add(root, path, moved);
            }
            case "copy":
            {
                var from = Text(operation, "from");
                if (from is null)
                    return "missing \"from\"";
                var (found, value) = Get(root, from);
                return found ? Add(root, path, value?.DeepClone()) : $"path \"{from}\" does not exist";
            }
            case "test":
            {
                var (found, value) = Get(root, path);
                if (!found)
                    return $"path \"{path}\" does not exist";
                return JsonNode.DeepEquals(value, operation["value"]) ? null : $"test failed: the value at \"{path}\" is {value?.ToJsonString() ?? "null"}";
            }
            default:
                return $"unknown op \"{op}\"; expected add, remove, replace, move, copy or test";
        }
    }

    private static string? Text(JsonObject operation, string name) =>
        operation[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static (string[]? Tokens, string? Error) Parse(string pointer)
    {
        if (pointer.Length > 0 && pointer[0] != '/')
            return (null, $"\"{pointer}\" is not a JSON pointer (it must start with '/')");
        var tokens = pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToArray();
        return (["doc", .. tokens], null);
    }

    private static (JsonNode? Parent, string? Token, string? Error) Locate(JsonObject root, string pointer)
    {
        var (tokens, error) = Parse(pointer);
        if (error is not null)
            return (null, null, error);
        JsonNode? node = root;
        for (var i = 0; i < tokens!.Length - 1; i++)
        {
            node = Child(node, tokens[i], out var found);
            if (!found || node is null)
                return (null, null, $"path \"{pointer}\" does not exist");
        }
        return (node, tokens[^1], null);
    }

    private static JsonNode? Child(JsonNode? node, string token, out bool found)
    {
        found = false;
        switch (node)
        {
            case JsonObject obj:
                found = obj.TryGetPropertyValue(token, out var child);
                return child;
            case JsonArray array when TryIndex(token, array.Count - 1, out var index):
                found = true;
                return array[index];
            default:
                return null;
        }
    }

    private static (bool Found, JsonNode? Value) Get(JsonObject root, string pointer)
    {
        var (parent, token, error) = Locate(root, pointer);
        if (error is not null)
            return (false, null);
        var value = Child(parent, token!, out var found);
        return (found, value);
    }

    private static string? Add(JsonObject root, string pointer, JsonNode? value)
    {
        var (parent, token, error) = Locate(root, pointer);
        if (error is not null)
            return error;
        switch (parent)
        {
            case JsonObject obj:
                obj[token!] = value;
                return null;
            case JsonArray array when token == "-":
                array.Add(value);
                return null;
            case JsonArray array when TryIndex(token!, array.Count, out var index):
                array.Insert(index, value);
                return null;
            default:
                return $"cannot add at \"{pointer}\": the parent is not an object or the index is out of range";
        }
    }

    private static string? Replace(JsonObject root, string pointer, JsonNode? value)
    {
        var (parent, token, error) = Locate(root, pointer);
        if (error is not null)
            return error;
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(token!):
                obj[token!] = value;
                return null;
            case JsonArray array when TryIndex(token!, array.Count - 1, out var index):
                array[index] = value;
                return null;
            default:
                return $"path \"{pointer}\" does not exist";
        }
    }

    private static string? Remove(JsonObject root, string pointer, out JsonNode? removed)
    {
        removed = null;
        var (parent, token, error) = Locate(root, pointer);
        if (error is not null)
            return error;
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(token!, out var value):
                obj.Remove(token!);
                removed = value;
                return null;
            case JsonArray array when TryIndex(token!, array.Count - 1, out var index):
                removed = array[index];
                array.RemoveAt(index);
                return null;
            default:
                return $"path \"{pointer}\" does not exist";
        }
    }

    private static bool TryIndex(string token, int max, out int index) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index <= max
        && (token == "0" || !token.StartsWith('0'));
}
