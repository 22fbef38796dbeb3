using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.Deployments;

internal sealed partial class Rollout
{
    /// <summary>
    /// One step of a rolling update (Kubernetes' rolloutRolling): scale the new ReplicaSet up within
    /// maxSurge, else scale old ones down within maxUnavailable, else (when complete) trim history.
    /// At no point are more than replicas+maxSurge pods asked for, nor fewer than
    /// replicas−maxUnavailable available pods counted on.
    /// </summary>
    public void RollingUpdate()
    {
        SyncRevision(createIfMissing: true);
        if (ReconcileNewReplicaSet())
            return;
        if (ReconcileOldReplicaSetsRolling())
            return;
        CleanupIfComplete();
    }

    /// <summary>
    /// One step of a Recreate rollout: scale every old ReplicaSet to zero, wait until none of their pods
    /// is left (terminating ones included), then create or scale up the new ReplicaSet.
    /// </summary>
    public void Recreate(IReadOnlyList<KubeObject> pods)
    {
        SyncRevision(createIfMissing: false);
        var scaledDown = false;
        foreach (var old in Old.Where(o => o.Replicas > 0))
        {
            Scale(old, 0);
            scaledDown = true;
        }
        if (scaledDown || OldPodsRemain(pods))
            return;
        if (New is null)
            SyncRevision(createIfMissing: true);
        if (ReconcileNewReplicaSet())
            return;
        CleanupIfComplete();
    }

    /// <summary>
    /// A paused Deployment rolls nothing out but still follows spec.replicas when only one ReplicaSet is
    /// active (or the new one is saturated), and trims history.
    /// </summary>
    public void Paused()
    {
        SyncRevision(createIfMissing: false);
        var active = _replicaSets.Where(e => e.Replicas > 0).ToArray();
        if (active.Length == 0)
        {
            var latest = New ?? _replicaSets.OrderByDescending(e => e.CreatedAt).FirstOrDefault();
            if (latest is not null)
                Scale(latest, DesiredReplicas);
        }
        else if (active.Length == 1)
        {
            Scale(active[0], DesiredReplicas);
        }
        else if (New is { } saturated && saturated.Replicas == DesiredReplicas && saturated.Available >= DesiredReplicas)
        {
            foreach (var old in Old.Where(o => o.Replicas > 0))
                Scale(old, 0);
        }
        Cleanup();
    }

    private bool ReconcileNewReplicaSet()
    {
        if (New is null || New.Replicas == DesiredReplicas)
            return false;
        var target = New.Replicas > DesiredReplicas ? DesiredReplicas : NewReplicaSetTarget(New.Replicas);
        Scale(New, target);
        return Scaled;
    }

    private bool ReconcileOldReplicaSetsRolling()
    {
        var old = Old;
        if (old.Sum(o => o.Replicas) == 0)
            return false;
        var minAvailable = DesiredReplicas - Limits.MaxUnavailable;
        var newUnavailable = New is null ? 0 : New.Replicas - New.Available;
        var maxScaledDown = _replicaSets.Sum(e => e.Replicas) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
            return false;

        // Unavailable old pods go first: removing them costs no availability.
        var cleaned = 0;
        foreach (var entry in old)
        {
            if (cleaned >= maxScaledDown)
                break;
            var unavailable = entry.Replicas - entry.Available;
            if (entry.Replicas == 0 || unavailable == 0)
                continue;
            var count = Math.Min(maxScaledDown - cleaned, unavailable);
            Scale(entry, entry.Replicas - count);
            cleaned += count;
        }

        var available = _replicaSets.Sum(e => e.Available);
        if (available > minAvailable)
        {
            var toScaleDown = available - minAvailable;
            foreach (var entry in old)
            {
                if (toScaleDown <= 0)
                    break;
                if (entry.Replicas == 0)
                    continue;
                var count = Math.Min(entry.Replicas, toScaleDown);
                Scale(entry, entry.Replicas - count);
                toScaleDown -= count;
            }
        }
        return Scaled;
    }

    private bool OldPodsRemain(IReadOnlyList<KubeObject> pods)
    {
        if (Old.Any(o => o.StatusReplicas > 0))
            return true;
        var oldUids = Old.Select(o => o.View.Metadata.Uid).Where(u => !string.IsNullOrEmpty(u)).ToHashSet(StringComparer.Ordinal);
        return pods.Any(p =>
            p.Metadata.ControllerReference is { } owner
            && oldUids.Contains(owner.Uid)
            && new Pod(p).Phase is not (PodPhase.Succeeded or PodPhase.Failed));
    }

    private void CleanupIfComplete()
    {
        if (New is { } current && current.Replicas == DesiredReplicas && current.StatusReplicas == DesiredReplicas
            && current.StatusAvailable >= DesiredReplicas && Old.All(o => o.Replicas == 0 && o.StatusReplicas == 0))
            Cleanup();
    }

    /// <summary>Deletes the oldest drained ReplicaSets beyond revisionHistoryLimit (Kubernetes' cleanupDeployment).</summary>
    private void Cleanup()
    {
        var cleanable = Old.Where(o => o.View.Metadata.DeletionTimestamp is null).OrderBy(o => o.Revision).ThenBy(o => o.CreatedAt).ToArray();
        var excess = cleanable.Length - Math.Max(0, Deployment.RevisionHistoryLimit);
        for (var i = 0; i < excess; i++)
        {
            if (cleanable[i].IsDrained && Ownership.IsControlledBy(cleanable[i].View.Object, Deployment.Object))
                _actions.Add(new DeleteReplicaSet(cleanable[i].Name));
        }
    }
}
