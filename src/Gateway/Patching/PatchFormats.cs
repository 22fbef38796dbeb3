using System.Text.Json.Nodes;

namespace GitOps.Gateway.Patching;

/// <summary>The patch formats the API accepts, by Content-Type.</summary>
public static class PatchFormats
{
    public static IReadOnlyList<string> Supported { get; } =
        ["application/merge-patch+json", "application/strategic-merge-patch+json", "application/json-patch+json"];

    /// <summary>The function that applies a patch of this content type, or null when the type is not supported.</summary>
    public static Func<JsonNode?, JsonNode?, (JsonNode? Result, string? Error)>? For(string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "application/merge-patch+json" => (doc, patch) => (MergePatch.Apply(doc, patch), null),
            "application/strategic-merge-patch+json" => (doc, patch) => (StrategicMergePatch.Apply(doc, patch), null),
            "application/json-patch+json" => JsonPatch.Apply,
            _ => null,
        };
}
