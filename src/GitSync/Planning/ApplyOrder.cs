using System.Globalization;
using GitOps.Model.Objects;

namespace GitOps.GitSync.Planning;

/// <summary>
/// The order objects are applied in: by sync wave (annotation <c>gitops.io/sync-wave</c>, lower
/// first, default 0), then by kind: Namespaces, then configuration (ConfigMaps, Secrets, accounts,
/// RBAC, storage), then Services, then workloads, then everything else. Pruning runs in reverse.
/// </summary>
public static class ApplyOrder
{
    private static readonly Dictionary<string, int> KindRanks = new(StringComparer.Ordinal)
    {
        ["Namespace"] = 0,
        ["CustomResourceDefinition"] = 0,
        ["ConfigMap"] = 1,
        ["Secret"] = 1,
        ["ServiceAccount"] = 1,
        ["Role"] = 1,
        ["ClusterRole"] = 1,
        ["RoleBinding"] = 1,
        ["ClusterRoleBinding"] = 1,
        ["PersistentVolume"] = 1,
        ["PersistentVolumeClaim"] = 1,
        ["StorageClass"] = 1,
        ["LimitRange"] = 1,
        ["ResourceQuota"] = 1,
        ["PriorityClass"] = 1,
        ["NetworkPolicy"] = 1,
        ["Service"] = 2,
        ["Pod"] = 3,
        ["ReplicaSet"] = 3,
        ["Deployment"] = 3,
        ["StatefulSet"] = 3,
        ["DaemonSet"] = 3,
        ["Job"] = 3,
        ["CronJob"] = 3,
    };

    public const int OtherKindsRank = 4;

    public static int KindRank(string kind) => KindRanks.GetValueOrDefault(kind, OtherKindsRank);

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
