using System.Globalization;
using GitOps.Model.Objects;

namespace GitOps.GitSync.Planning;

/// <summary>
/// The order objects are applied in: by sync wave (annotation <c>gitops.io/sync-wave</c>, lower
/// first, default 0), then by the kind's apply rank in the kind registry
/// (<see cref="GitOps.Model.Registry.KindRegistry.ApplyRankOf"/>: Namespaces, then configuration,
/// then Services, then workloads, then everything else). Pruning runs in reverse.
/// </summary>
public static class ApplyOrder
{
    /// <summary>The object's sync wave, or an error message when the annotation is not an integer.</summary>
    public static (int Wave, string? Error) WaveOf(KubeObject obj)
    {
        var text = obj.Metadata.GetAnnotation(GitOpsMetadata.SyncWaveAnnotation);
        if (text is null)
            return (0, null);
        return int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var wave)
            ? (wave, null)
            : (0, $"annotation {GitOpsMetadata.SyncWaveAnnotation} '{text}' is not an integer: write e.g. \"-1\", \"0\" or \"5\".");
    }
}
