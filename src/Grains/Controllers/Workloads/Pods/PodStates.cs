using GitOps.Model.Kinds;

namespace GitOps.Grains.Controllers.Workloads.Pods;

/// <summary>How workload controllers classify pods, as Kubernetes' controller utilities do.</summary>
public static class PodStates
{
    /// <summary>Counts toward a controller's replicas: not terminating and not finished (Succeeded/Failed).</summary>
    public static bool IsActive(Pod pod) => !pod.IsBeingDeleted && !pod.IsTerminal;

    /// <summary>
    /// Ready for at least <paramref name="minReadySeconds"/> (from the Ready condition's lastTransitionTime).
    /// A pod that is ready but not yet for long enough reports in <paramref name="availableIn"/> how long to wait.
    /// </summary>
    public static bool IsAvailable(Pod pod, int minReadySeconds, DateTimeOffset now, out TimeSpan? availableIn)
    {
        availableIn = null;
        var ready = pod.GetCondition(PodConditionTypes.Ready);
        if (ready is not { IsTrue: true })
            return false;
        if (minReadySeconds <= 0)
            return true;
        var since = ready.LastTransitionTime ?? now;
        var remaining = since + TimeSpan.FromSeconds(minReadySeconds) - now;
        if (remaining <= TimeSpan.Zero)
            return true;
        availableIn = remaining;
        return false;
    }

    public static bool IsAvailable(Pod pod, int minReadySeconds, DateTimeOffset now) => IsAvailable(pod, minReadySeconds, now, out _);
}
