using GitOps.Grains.Controllers.Workloads.Claims;
using GitOps.Grains.Controllers.Workloads.Pods;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.ReplicaSets;

/// <summary>
/// The ReplicaSet controller's decisions as a pure function of a snapshot (Kubernetes' syncReplicaSet):
/// which pods to adopt, release, create and delete so that <c>spec.replicas</c> active pods match the
/// selector, and the status counts. Changes are bounded by <c>burst</c> per reconcile.
/// </summary>
public static class ReplicaSetPlanner
{
    /// <summary>
    /// Decides one reconcile. <paramref name="replicaSet"/> must wrap a private copy (views add missing
    /// nodes while reading); <paramref name="candidatePods"/> are only read.
    /// </summary>
    public static ReplicaSetPlan Plan(ReplicaSet replicaSet, IEnumerable<KubeObject> candidatePods, DateTimeOffset now, int burst)
    {
        var selector = replicaSet.Selector;
        var claim = ControllerClaims.Claim(replicaSet.Object, selector, candidatePods);
        var active = claim.Owned.Select(o => new Pod(o)).Where(PodStates.IsActive).ToArray();
        var counts = Count(replicaSet, active, now, out var requeueAfter);

        // A ReplicaSet being deleted, or whose selector is unusable or would not select the pods its
        // template makes (they would be created without end), manages no pods.
        if (replicaSet.Metadata.DeletionTimestamp is not null || !CanManagePods(replicaSet))
            return new ReplicaSetPlan([], [], 0, [], counts, requeueAfter);

        var diff = active.Length - Math.Max(0, replicaSet.Replicas);
        var create = diff < 0 ? Math.Min(-diff, burst) : 0;
        var delete = diff > 0
            ? active.Order(PodDeletionOrder.Instance).Take(Math.Min(diff, burst)).ToArray()
            : [];
        return new ReplicaSetPlan(claim.ToAdopt, claim.ToRelease, create, delete, counts, requeueAfter);
    }

    /// <summary>The selector is usable and selects the pods the template makes.</summary>
    public static bool CanManagePods(ReplicaSet replicaSet) =>
        replicaSet.Selector is { IsEmpty: false } selector && selector.Matches(replicaSet.Template.Labels);

    /// <summary>Status counts over <paramref name="activePods"/>, and when the next ready pod turns available.</summary>
    public static ReplicaSetCounts Count(ReplicaSet replicaSet, IReadOnlyCollection<Pod> activePods, DateTimeOffset now, out TimeSpan? nextAvailable)
    {
        nextAvailable = null;
        var templateLabels = replicaSet.Template.Labels;
        int fullyLabeled = 0, ready = 0, available = 0;
        foreach (var pod in activePods)
        {
            var labels = pod.Metadata.Labels;
            if (templateLabels.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value))
                fullyLabeled++;
            if (!pod.IsReady)
                continue;
            ready++;
            if (PodStates.IsAvailable(pod, replicaSet.MinReadySeconds, now, out var availableIn))
                available++;
            else if (availableIn is { } wait && (nextAvailable is null || wait < nextAvailable))
                nextAvailable = wait;
        }
        return new ReplicaSetCounts(activePods.Count, fullyLabeled, ready, available);
    }
}
