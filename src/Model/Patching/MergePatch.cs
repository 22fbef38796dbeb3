using System.Text.Json.Nodes;

namespace GitOps.Model.Patching;

/// <summary>
/// JSON merge patch (RFC 7386): objects merge recursively, null removes a member, anything else
/// (lists included) replaces.
/// </summary>
public static class MergePatch
{
    /// <summary>The patched document; <paramref name="target"/> is not changed.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
            return patch?.DeepClone();
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }
            var merged = Apply(result[name], value);
            result[name] = merged;
        }
        return result;
    }
}
