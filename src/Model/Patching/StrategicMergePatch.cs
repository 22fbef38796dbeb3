using System.Text.Json.Nodes;

namespace GitOps.Model.Patching;

/// <summary>
/// Strategic merge patch as kubectl sends it (apply, edit, scale): a merge patch in which lists of
/// well-known fields merge element by element on their merge key (containers by name, ports by
/// port number, …) instead of being replaced, elements marked <c>$patch: delete</c> are removed,
/// and the other <c>$</c> directives (<c>$setElementOrder/…</c>, <c>$retainKeys</c>) are dropped.
/// Lists of fields without a known merge key are replaced, as in a merge patch.
/// </summary>
public static class StrategicMergePatch
{
    private static readonly Dictionary<string, string[]> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = ["name"],
        ["initContainers"] = ["name"],
        ["ephemeralContainers"] = ["name"],
        ["volumes"] = ["name"],
        ["env"] = ["name"],
        ["imagePullSecrets"] = ["name"],
        ["volumeMounts"] = ["mountPath"],
        ["volumeDevices"] = ["devicePath"],
        ["ports"] = ["containerPort", "port"],
        ["conditions"] = ["type"],
        ["ownerReferences"] = ["uid"],
        ["hostAliases"] = ["ip"],
        ["topologySpreadConstraints"] = ["topologyKey"],
    };

    /// <summary>The patched document; <paramref name="target"/> is not changed.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
            return patch?.DeepClone();
        if (patchObject["$patch"] is JsonValue directive && directive.TryGetValue<string>(out var mode) && mode == "replace")
            return WithoutDirectives(patchObject);
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (name.StartsWith('$'))
                continue;
            if (value is null)
            {
                result.Remove(name);
                continue;
            }
            var merged = value is JsonArray list && result[name] is JsonArray existing && MergeKeyOf(name, list, existing) is { } key
                ? MergeList(existing, list, key)
                : Apply(result[name], value);
            result[name] = merged;
        }
        return result;
    }

    private static string? MergeKeyOf(string field, JsonArray patch, JsonArray existing)
    {
        if (!MergeKeys.TryGetValue(field, out var candidates))
            return null;
        var elements = patch.Concat(existing).OfType<JsonObject>().ToArray();
        if (elements.Length == 0 || elements.Length != patch.Count + existing.Count)
            return null;
        return candidates.FirstOrDefault(key => elements.All(e => e.ContainsKey(key) || IsDirective(e)));
    }

    private static JsonArray MergeList(JsonArray existing, JsonArray patch, string key)
    {
        var result = new JsonArray(existing.Select(e => e?.DeepClone()).ToArray());
        foreach (var element in patch.OfType<JsonObject>())
        {
            var keyValue = element[key];
            var index = IndexOf(result, key, keyValue);
            if (IsDirective(element, "delete"))
            {
                if (index >= 0)
                    result.RemoveAt(index);
                continue;
            }
            if (index >= 0)
            {
                var merged = Apply(result[index], element);
                result.RemoveAt(index);
                result.Insert(index, merged);
            }
            else
            {
                result.Add(WithoutDirectives(element));
            }
        }
        return result;
    }

    private static int IndexOf(JsonArray list, string key, JsonNode? value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject candidate && JsonNode.DeepEquals(candidate[key], value))
                return i;
        }
        return -1;
    }

    private static bool IsDirective(JsonObject element, string? mode = null) =>
        element["$patch"] is JsonValue v && v.TryGetValue<string>(out var s) && (mode is null || s == mode);

    private static JsonObject WithoutDirectives(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in obj)
        {
            if (!name.StartsWith('$'))
                copy[name] = value is JsonObject child ? WithoutDirectives(child) : value?.DeepClone();
        }
        return copy;
    }
}
