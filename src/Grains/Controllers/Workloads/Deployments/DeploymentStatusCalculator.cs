using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using static GitOps.Model.Kinds.DeploymentConditionTypes;

namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>
/// A Deployment's status after a reconcile (Kubernetes' calculateStatus and syncRolloutStatus): replica
/// counts summed over its ReplicaSets, the Available condition, and the Progressing condition with its
/// progress deadline.
/// </summary>
internal static class DeploymentStatusCalculator
{
    /// <summary>
    /// A copy of the Deployment carrying its new status, or null when nothing changed; and when the
    /// progress deadline must be checked again.
    /// </summary>
    public static (KubeObject? Updated, TimeSpan? RecheckAfter) Calculate(Rollout rollout, string? invalidSpec)
    {
        var original = rollout.Deployment;
        var now = rollout.Now;
        var updated = new Deployment(original.Object.DeepClone());
        var all = rollout.All.Where(e => !e.Created).ToArray();
        var desired = rollout.DesiredReplicas;

        updated.ObservedGeneration = original.Metadata.Generation;
        updated.StatusReplicas = all.Sum(e => e.StatusReplicas);
        updated.UpdatedReplicas = rollout.New is { Created: false } current ? current.StatusReplicas : 0;
        updated.ReadyReplicas = all.Sum(e => e.StatusReady);
        updated.AvailableReplicas = all.Sum(e => e.StatusAvailable);
        updated.UnavailableReplicas = Math.Max(0, rollout.All.Sum(e => e.Replicas) - updated.AvailableReplicas);

        var minAvailable = desired - (original.StrategyType == Deployment.StrategyRecreate || desired == 0 ? 0 : rollout.Limits.MaxUnavailable);
        SetIfChanged(updated, updated.AvailableReplicas >= minAvailable
            ? new Condition(Available, ConditionStatus.True, ReasonMinimumReplicasAvailable, "Deployment has minimum availability.", LastUpdateTime: now)
            : new Condition(Available, ConditionStatus.False, ReasonMinimumReplicasUnavailable, "Deployment does not have minimum availability.", LastUpdateTime: now),
            now);

        SetReplicaFailure(rollout, updated, invalidSpec, now);
        var recheck = SetProgressing(rollout, updated, now);

        var before = original.Object.Status?.ToJsonString() ?? "{}";
        return (updated.Object.Status!.ToJsonString() == before ? null : updated.Object, recheck);
    }

    /// <summary>All replicas updated, present and available, and the latest spec observed.</summary>
    public static bool IsComplete(Deployment deployment, int desired) =>
        deployment.UpdatedReplicas == desired && deployment.StatusReplicas == desired
        && deployment.AvailableReplicas == desired && deployment.ObservedGeneration >= deployment.Metadata.Generation;

    private static TimeSpan? SetProgressing(Rollout rollout, Deployment updated, DateTimeOffset now)
    {
        var original = rollout.Deployment;
        var newName = rollout.New?.Name;
        var current = updated.GetCondition(Progressing);

        if (original.Paused)
        {
            SetIfChanged(updated, new Condition(Progressing, ConditionStatus.Unknown, ReasonDeploymentPaused, "Deployment is paused", LastUpdateTime: now), now);
            return null;
        }
        if (current?.Reason == ReasonDeploymentPaused)
        {
            updated.SetCondition(new Condition(Progressing, ConditionStatus.Unknown, ReasonDeploymentResumed, "Deployment is resumed", LastUpdateTime: now), now);
            current = updated.GetCondition(Progressing);
        }
        if (rollout.NewReplicaSetCreated)
        {
            updated.SetCondition(new Condition(Progressing, ConditionStatus.True, ReasonNewReplicaSetCreated, $"Created new replica set \"{newName}\"", LastUpdateTime: now), now);
            return TimeSpan.FromSeconds(original.ProgressDeadlineSeconds);
        }
        if (current is null && newName is not null)
        {
            updated.SetCondition(new Condition(Progressing, ConditionStatus.True, ReasonFoundNewReplicaSet, $"Found new replica set \"{newName}\"", LastUpdateTime: now), now);
            current = updated.GetCondition(Progressing);
        }

        var deadline = TimeSpan.FromSeconds(original.ProgressDeadlineSeconds);
        if (IsComplete(updated, rollout.DesiredReplicas))
        {
            var message = newName is null ? $"Deployment \"{original.Name}\" has successfully progressed." : $"ReplicaSet \"{newName}\" has successfully progressed.";
            SetIfChanged(updated, new Condition(Progressing, ConditionStatus.True, ReasonNewReplicaSetAvailable, message, LastUpdateTime: now), now);
            return null;
        }
        if (MadeProgress(original, updated))
        {
            var message = newName is null ? $"Deployment \"{original.Name}\" is progressing." : $"ReplicaSet \"{newName}\" is progressing.";
            updated.SetCondition(new Condition(Progressing, ConditionStatus.True, ReasonReplicaSetUpdated, message, LastUpdateTime: now), now);
            return deadline;
        }
        if (current is null || current.Reason == ReasonNewReplicaSetAvailable)
            return null;
        if (current.Reason == ReasonProgressDeadlineExceeded)
            return null;
        var since = current.LastUpdateTime ?? current.LastTransitionTime ?? now;
        var remaining = since + deadline - now;
        if (remaining > TimeSpan.Zero)
            return remaining + TimeSpan.FromSeconds(1);
        var timedOut = newName is null ? $"Deployment \"{original.Name}\" has timed out progressing." : $"ReplicaSet \"{newName}\" has timed out progressing.";
        updated.SetCondition(new Condition(Progressing, ConditionStatus.False, ReasonProgressDeadlineExceeded, timedOut, LastUpdateTime: now), now);
        return null;
    }

    /// <summary>Kubernetes' DeploymentProgressing: more updated, fewer old, more ready or more available replicas.</summary>
    private static bool MadeProgress(Deployment before, Deployment after)
    {
        var oldBefore = before.StatusReplicas - before.UpdatedReplicas;
        var oldAfter = after.StatusReplicas - after.UpdatedReplicas;
        return after.UpdatedReplicas > before.UpdatedReplicas || oldAfter < oldBefore
            || after.ReadyReplicas > before.ReadyReplicas || after.AvailableReplicas > before.AvailableReplicas;
    }

    private static void SetReplicaFailure(Rollout rollout, Deployment updated, string? invalidSpec, DateTimeOffset now)
    {
        var failure = invalidSpec is not null
            ? new Condition(ReplicaFailure, ConditionStatus.True, "InvalidSpec", invalidSpec, LastUpdateTime: now)
            : rollout.All.Where(e => !e.Created)
                .Select(e => e.View.Conditions.FirstOrDefault(c => c.Type == ReplicaFailure && c.IsTrue))
                .FirstOrDefault(c => c is not null) is { } fromReplicaSet
                ? fromReplicaSet with { LastTransitionTime = null, LastUpdateTime = now }
                : null;
        if (failure is null)
        {
            Conditions.Remove(updated.Object.EnsureStatus(), ReplicaFailure);
            return;
        }
        SetIfChanged(updated, failure, now);
    }

    /// <summary>Sets the condition unless one with the same status, reason and message is there (so its times stay).</summary>
    private static void SetIfChanged(Deployment deployment, Condition condition, DateTimeOffset now)
    {
        var current = deployment.GetCondition(condition.Type);
        if (current is not null && current.Status == condition.Status && current.Reason == condition.Reason && current.Message == condition.Message)
            return;
        deployment.SetCondition(condition, now);
    }
}
