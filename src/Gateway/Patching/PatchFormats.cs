using GitOps.Grains.Resources;

namespace GitOps.Gateway.Patching;

/// <summary>The patch formats the API accepts, by Content-Type.</summary>
public static class PatchFormats
{
    public static IReadOnlyList<string> Supported { get; } =
        ["application/merge-patch+json", "application/strategic-merge-patch+json", "application/json-patch+json"];

    /// <summary>The patch type of this content type, or null when the type is not supported.</summary>
    public static PatchType? For(string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "application/merge-patch+json" => PatchType.Merge,
            "application/strategic-merge-patch+json" => PatchType.StrategicMerge,
            "application/json-patch+json" => PatchType.Json,
            _ => null,
        };
}
