using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.ReplicaSets;

/// <summary>
/// What one ReplicaSet reconcile must do: adopt orphans its selector matches, release pods it controls
/// that no longer match, create <see cref="CreateCount"/> pods from the template, delete
/// <see cref="Delete"/> (least valuable first), and report <see cref="Counts"/> in status.
/// <see cref="RequeueAfter"/> is set when a ready pod becomes available later (minReadySeconds).
/// </summary>
public sealed record ReplicaSetPlan(
    IReadOnlyList<KubeObject> Adopt,
    IReadOnlyList<KubeObject> Release,
    int CreateCount,
    IReadOnlyList<Pod> Delete,
    ReplicaSetCounts Counts,
    TimeSpan? RequeueAfter)
{
    public bool ChangesPods => Adopt.Count > 0 || Release.Count > 0 || CreateCount > 0 || Delete.Count > 0;
}
