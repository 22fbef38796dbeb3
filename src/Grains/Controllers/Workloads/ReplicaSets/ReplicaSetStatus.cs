using System.Text.Json.Nodes;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.ReplicaSets;

/// <summary>Builds a ReplicaSet's new status from its counts and the outcome of pod creation.</summary>
public static class ReplicaSetStatus
{
    public const string ReasonFailedCreate = "FailedCreate";

    /// <summary>
    /// The status <paramref name="replicaSet"/> should report (a new tree; the ReplicaSet is not changed).
    /// <paramref name="createFailure"/> sets the ReplicaFailure condition; null clears it.
    /// </summary>
    public static JsonObject Build(ReplicaSet replicaSet, ReplicaSetCounts counts, string? createFailure, DateTimeOffset now)
    {
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
        return updated.Object.EnsureStatus();
    }
}
