using GitOps.Model.Kinds;

namespace GitOps.Grains.Controllers.Scheduling;

/// <summary>
/// The scheduler's filters as pure functions over a pod's requirements and a node's snapshot, in
/// kube-scheduler's order: unschedulable, taints, node selector/affinity, readiness, resources. The
/// reasons are kube-scheduler's wording, so the Unschedulable message reads as users expect.
/// </summary>
public static class SchedulingFilters
{
    public const string NodeNotReady = "node(s) were not ready";
    public const string NodeUnschedulable = "node(s) were unschedulable";
    public const string NodeAffinityMismatch = "node(s) didn't match Pod's node affinity/selector";
    public const string InsufficientCpu = "Insufficient cpu";
    public const string InsufficientMemory = "Insufficient memory";
    public const string TooManyPods = "Too many pods";

    private static readonly Taint UnschedulableTaint = new(TaintKeys.Unschedulable, null, TaintEffects.NoSchedule);

    public static string UntoleratedTaint(Taint taint) => $"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}";

    /// <summary>True when the pod may run on the node. Allocates nothing for pods without affinity terms.</summary>
    public static bool Fits(PodRequirements pod, SchedulingNode node) => Check(pod, node, null);

    /// <summary>Adds why the pod may not run on the node (nothing when it may); resource shortfalls are all listed.</summary>
    public static void Diagnose(PodRequirements pod, SchedulingNode node, ICollection<string> reasons) => Check(pod, node, reasons);

    private static bool Check(PodRequirements pod, SchedulingNode node, ICollection<string>? reasons)
    {
        var facts = node.Facts;
        if (facts.Unschedulable && !Tolerated(pod.Tolerations, UnschedulableTaint))
            return Fail(reasons, NodeUnschedulable);
        var taints = facts.Taints;
        for (var i = 0; i < taints.Count; i++)
        {
            if (!Tolerated(pod.Tolerations, taints[i]))
                return Fail(reasons, UntoleratedTaint(taints[i]));
        }
        if (!MatchesSelectorAndAffinity(pod, node))
            return Fail(reasons, NodeAffinityMismatch);
        if (!facts.Ready)
            return Fail(reasons, NodeNotReady);
        return FitsResources(pod.Requests, node, reasons);
    }

    private static bool FitsResources(ResourceAmounts requests, SchedulingNode node, ICollection<string>? reasons)
    {
        var allocatable = node.Facts.Allocatable;
        var after = node.Requested + requests;
        var fits = true;
        if (after.Pods > allocatable.Pods)
        {
            fits = false;
            if (reasons is null)
                return false;
            reasons.Add(TooManyPods);
        }
        if (requests.MilliCpu > 0 && after.MilliCpu > allocatable.MilliCpu)
        {
            fits = false;
            if (reasons is null)
                return false;
            reasons.Add(InsufficientCpu);
        }
        if (requests.Memory > 0 && after.Memory > allocatable.Memory)
        {
            fits = false;
            reasons?.Add(InsufficientMemory);
        }
        return fits;
    }

    private static bool MatchesSelectorAndAffinity(PodRequirements pod, SchedulingNode node)
    {
        var labels = node.Facts.Labels;
        var selector = pod.NodeSelector;
        for (var i = 0; i < selector.Count; i++)
        {
            if (!labels.TryGetValue(selector[i].Key, out var actual) || actual != selector[i].Value)
                return false;
        }
        var terms = pod.AffinityTerms;
        if (terms.Count == 0)
            return true;
        for (var i = 0; i < terms.Count; i++)
        {
            if (terms[i].Matches(labels, node.Name))
                return true;
        }
        return false;
    }

    private static bool Tolerated(IReadOnlyList<Toleration> tolerations, Taint taint)
    {
        for (var i = 0; i < tolerations.Count; i++)
        {
            if (tolerations[i].Tolerates(taint))
                return true;
        }
        return false;
    }

    private static bool Fail(ICollection<string>? reasons, string reason)
    {
        reasons?.Add(reason);
        return false;
    }
}
