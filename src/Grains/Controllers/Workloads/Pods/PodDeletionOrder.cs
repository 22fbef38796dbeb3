using GitOps.Model.Kinds;

namespace GitOps.Grains.Controllers.Workloads.Pods;

/// <summary>
/// Orders pods least valuable first, the order in which a scale-down deletes them (Kubernetes'
/// ActivePods ordering): not yet scheduled, then Pending before Unknown before Running, then not ready
/// before ready, then ready for less time, then more restarts, then newest; the name breaks ties so
/// the order is deterministic.
/// </summary>
public sealed class PodDeletionOrder : IComparer<Pod>
{
    public static PodDeletionOrder Instance { get; } = new();

    public int Compare(Pod? x, Pod? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null)
            return -1;
        if (y is null)
            return 1;

        var byScheduled = IsScheduled(x).CompareTo(IsScheduled(y));
        if (byScheduled != 0)
            return byScheduled;
        var byPhase = PhaseRank(x.Phase).CompareTo(PhaseRank(y.Phase));
        if (byPhase != 0)
            return byPhase;
        var byReady = x.IsReady.CompareTo(y.IsReady);
        if (byReady != 0)
            return byReady;
        if (x.IsReady && y.IsReady)
        {
            // Ready more recently is worth less: it has proven itself for less time.
            var byReadySince = Nullable.Compare(ReadySince(y), ReadySince(x));
            if (byReadySince != 0)
                return byReadySince;
        }
        var byRestarts = Restarts(y).CompareTo(Restarts(x));
        if (byRestarts != 0)
            return byRestarts;
        var byAge = Nullable.Compare(y.Metadata.CreationTimestamp, x.Metadata.CreationTimestamp);
        if (byAge != 0)
            return byAge;
        return string.CompareOrdinal(x.Name, y.Name);
    }

    private static bool IsScheduled(Pod pod) => !string.IsNullOrEmpty(pod.NodeName);

    private static int PhaseRank(string phase) => phase switch
    {
        PodPhase.Pending => 0,
        PodPhase.Unknown => 1,
        PodPhase.Running => 2,
        _ => 0,
    };

    private static DateTimeOffset? ReadySince(Pod pod) => pod.GetCondition(PodConditionTypes.Ready)?.LastTransitionTime;

    private static int Restarts(Pod pod) => pod.ContainerStatuses.Sum(c => c.RestartCount);
}
