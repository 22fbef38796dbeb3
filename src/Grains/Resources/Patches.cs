using System.Text.Json.Nodes;
using GitOps.Model.Patching;

namespace GitOps.Grains.Resources;

/// <summary>Applies a patch of a <see cref="PatchType"/> with the Model's patch algorithms.</summary>
internal static class Patches
{
    /// <summary>The patched document (a copy), or the reason the patch does not apply.</summary>
    public static (JsonNode? Result, string? Error) Apply(PatchType type, JsonNode? document, JsonNode? patch) => type switch
    {
        PatchType.Merge => (MergePatch.Apply(document, patch), null),
        PatchType.StrategicMerge => (StrategicMergePatch.Apply(document, patch), null),
        _ => JsonPatch.Apply(document, patch),
    };
}
