namespace GitOps.Grains.Controllers.Scheduling;

/// <summary>
/// The scheduler's scores (0-100 each) as pure functions: least allocated and balanced cpu/memory
/// (kube-scheduler's NodeResourcesFit and NodeResourcesBalancedAllocation, on non-zero requests), and
/// spreading one owner's pods across nodes (weighted double, as kube-scheduler weighs topology spread).
/// </summary>
public static class SchedulingScores
{
    public const int MaxScore = 100;
    public const int SpreadWeight = 2;

    /// <summary>The weighted sum; <paramref name="mostOwnerPods"/> is the highest count of the pod's owner's pods on any candidate node.</summary>
    public static long Total(PodRequirements pod, SchedulingNode node, int mostOwnerPods) =>
        LeastAllocated(pod, node) + Balanced(pod, node) + SpreadWeight * Spread(pod, node, mostOwnerPods);

    /// <summary>Share of cpu and memory left free after placing the pod, averaged.</summary>
    public static long LeastAllocated(PodRequirements pod, SchedulingNode node)
    {
        var after = node.NonZeroRequested + pod.Requests.NonZero();
        var allocatable = node.Facts.Allocatable;
        return (Free(after.MilliCpu, allocatable.MilliCpu) + Free(after.Memory, allocatable.Memory)) / 2;
    }

    /// <summary>How evenly cpu and memory would be used after placing the pod (100: same fraction of each).</summary>
    public static long Balanced(PodRequirements pod, SchedulingNode node)
    {
        var after = node.NonZeroRequested + pod.Requests.NonZero();
        var allocatable = node.Facts.Allocatable;
        var cpu = Fraction(after.MilliCpu, allocatable.MilliCpu);
        var memory = Fraction(after.Memory, allocatable.Memory);
        return (long)((1 - Math.Abs(cpu - memory) / 2) * MaxScore);
    }

    /// <summary>Fewer pods of the same owner on the node score higher; pods without an owner score the maximum.</summary>
    public static long Spread(PodRequirements pod, SchedulingNode node, int mostOwnerPods)
    {
        if (pod.OwnerUid is null || mostOwnerPods <= 0)
            return MaxScore;
        return (long)MaxScore * (mostOwnerPods - node.PodsOf(pod.OwnerUid)) / mostOwnerPods;
    }

    private static long Free(long requested, long allocatable) =>
        allocatable <= 0 || requested >= allocatable ? 0 : (allocatable - requested) * MaxScore / allocatable;

    private static double Fraction(long requested, long allocatable) =>
        allocatable <= 0 ? 1 : Math.Min(1, (double)requested / allocatable);
}
