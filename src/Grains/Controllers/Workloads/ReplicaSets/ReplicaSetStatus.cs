using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.ReplicaSets;

/// <summary>Builds a ReplicaSet's new status from its counts and the outcome of pod creation.</summary>
public static class ReplicaSetStatus
{
    public const string ReasonFailedCreate = "FailedCreate";

    /// <summary>
    /// A copy of <paramref name="replicaSet"/> carrying the new status, or null when the status would not
    /// change (so nothing is written). <paramref name="createFailure"/> sets the ReplicaFailure condition;
    /// null clears it.
    /// </summary>
    public static KubeObject? WithStatus(ReplicaSet replicaSet, ReplicaSetCounts counts, string? createFailure, DateTimeOffset now)
    {
        var before = replicaSet.Object.Status?.ToJsonString() ?? "{}";
        var updated = new ReplicaSet(replicaSet.Object.DeepClone())
        {
            StatusReplicas = counts.Replicas,
            FullyLabeledReplicas = counts.FullyLabeledReplicas,
            ReadyReplicas = counts.ReadyReplicas,
            AvailableReplicas = counts.AvailableReplicas,
            ObservedGeneration = replicaSet.Metadata.Generation,
        };
        if (createFailure is not null)
            updated.SetCondition(new Condition(DeploymentConditionTypes.ReplicaFailure, ConditionStatus.True, ReasonFailedCreate, createFailure), now);
        else
            Conditions.Remove(updated.Object.EnsureStatus(), DeploymentConditionTypes.ReplicaFailure);
        return updated.Object.Status!.ToJsonString() == before ? null : updated.Object;
    }
}
