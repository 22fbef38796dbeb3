using System.Globalization;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>Annotations the Deployment controller keeps on Deployments and their ReplicaSets.</summary>
public static class DeploymentAnnotations
{
    /// <summary>The rollout revision: on a ReplicaSet, the revision its template was last rolled out as; on a Deployment, its current one.</summary>
    public const string Revision = "deployment.kubernetes.io/revision";

    /// <summary>The revision recorded on <paramref name="obj"/>; 0 when absent or not a number.</summary>
    public static long RevisionOf(KubeObject obj) =>
        long.TryParse(obj.Metadata.GetAnnotation(Revision), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    public static string Format(long revision) => revision.ToString(CultureInfo.InvariantCulture);
}
