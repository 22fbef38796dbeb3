using System.Text.Json.Nodes;
using GitOps.Grains.Controllers.Workloads.Claims;
using GitOps.Grains.Controllers.Workloads.Deployments;
using GitOps.Grains.Controllers.Workloads.Pods;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Model.Selectors;

namespace GitOps.Grains.Controllers.Workloads.DaemonSets;

/// <summary>
/// The DaemonSet controller's decisions as a pure function of a snapshot: one active pod on every node
/// the template fits (nodeSelector, required node affinity, and NoSchedule/NoExecute taints tolerated —
/// the node-condition taints Kubernetes tolerates for daemons are tolerated here too), none elsewhere;
/// a RollingUpdate replaces pods of an older template at most maxUnavailable at a time (OnDelete waits
/// for them to be deleted); and the status counts. Orphans its selector matches are adopted (and then
/// counted as its own), pods it controls that no longer match are released.
/// </summary>
public static class DaemonSetPlanner
{
    /// <summary>Label on a daemon pod: the hash of the template it was made from.</summary>
    public const string RevisionHashLabel = "controller-revision-hash";

    private const string NodeConditionTaintPrefix = "node.kubernetes.io/";

    public static DaemonSetPlan Plan(KubeObject daemonSet, IReadOnlyList<KubeObject> nodes, IEnumerable<KubeObject> pods, DateTimeOffset now)
    {
        var copy = daemonSet.DeepClone();
        var spec = copy.EnsureSpec();
        var template = new PodTemplate(spec.EnsureObject("template"));
        var selector = LabelSelector.FromSelectorJson(spec.GetObject("selector")).Selector;
        var hash = TemplateHash(copy);
        var status = daemonSet.Status?.DeepClone() as JsonObject ?? [];
        status["observedGeneration"] = daemonSet.Metadata.Generation;
        // A DaemonSet being deleted manages no pods (the garbage collector removes them), nor does one
        // whose selector is unusable or would not select the pods its template makes.
        if (daemonSet.Metadata.DeletionTimestamp is not null || selector is null || selector.IsEmpty || !selector.Matches(template.Labels))
            return new DaemonSetPlan([], [], [], [], status);

        var minReady = spec.GetInt("minReadySeconds") ?? 0;
        var claim = ControllerClaims.Claim(daemonSet, selector, pods);
        var active = claim.Owned.Select(p => new Pod(p)).Where(PodStates.IsActive).ToArray();
        var byNode = active.GroupBy(p => p.NodeName ?? "").ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var eligible = nodes.Select(n => new Node(n)).Where(n => Fits(template, n)).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);

        var create = new List<string>();
        var delete = new List<Pod>();
        foreach (var node in eligible.Order(StringComparer.Ordinal))
        {
            if (!byNode.TryGetValue(node, out var onNode))
            {
                create.Add(node);
                continue;
            }
            // One daemon per node: keep the most valuable (current template first), delete the rest.
            delete.AddRange(onNode.OrderByDescending(p => p.Metadata.GetLabel(RevisionHashLabel) == hash)
                .ThenByDescending(p => p, PodDeletionOrder.Instance).Skip(1));
        }
        var misscheduled = byNode.Where(n => !eligible.Contains(n.Key)).ToArray();
        delete.AddRange(misscheduled.SelectMany(n => n.Value));

        var kept = byNode.Where(n => eligible.Contains(n.Key))
            .Select(n => n.Value.OrderByDescending(p => p.Metadata.GetLabel(RevisionHashLabel) == hash).ThenByDescending(p => p, PodDeletionOrder.Instance).First())
            .ToArray();
        var available = kept.Count(p => PodStates.IsAvailable(p, minReady, now));
        if ((spec.GetPath("updateStrategy")?.GetString("type") ?? "RollingUpdate") == "RollingUpdate")
        {
            var maxUnavailable = IntOrString.FromJson(spec.GetPath("updateStrategy", "rollingUpdate")?["maxUnavailable"]) ?? IntOrString.FromInt(1);
            var budget = Math.Max(1, maxUnavailable.TryScaled(eligible.Count, roundUp: true, out var value, out _) ? value : 1)
                - (eligible.Count - available);
            foreach (var old in kept.Where(p => p.Metadata.GetLabel(RevisionHashLabel) != hash).Order(PodDeletionOrder.Instance))
            {
                // An unavailable old pod costs nothing to replace; an available one spends the budget.
                if (!PodStates.IsAvailable(old, minReady, now))
                    delete.Add(old);
                else if (budget-- > 0)
                    delete.Add(old);
            }
        }

        status["desiredNumberScheduled"] = eligible.Count;
        status["currentNumberScheduled"] = kept.Length;
        status["numberMisscheduled"] = misscheduled.Length;
        status["numberReady"] = kept.Count(p => p.IsReady);
        status["numberAvailable"] = available;
        status["numberUnavailable"] = Math.Max(0, eligible.Count - available);
        status["updatedNumberScheduled"] = kept.Count(p => p.Metadata.GetLabel(RevisionHashLabel) == hash);
        return new DaemonSetPlan(claim.ToAdopt, claim.ToRelease, create, delete.Distinct().ToArray(), status);
    }

    /// <summary>A daemon pod for <paramref name="nodeName"/>: the template, the revision hash label, bound to the node.</summary>
    public static KubeObject NewPod(KubeObject daemonSet, string nodeName)
    {
        var copy = daemonSet.DeepClone();
        var template = new PodTemplate(copy.EnsureSpec().EnsureObject("template"));
        var pod = new Pod(PodFactory.FromTemplate(daemonSet, template, PodFactory.NewName(daemonSet)));
        pod.Metadata.SetLabel(RevisionHashLabel, TemplateHash(copy));
        pod.NodeName = nodeName;
        return pod.Object;
    }

    private static string TemplateHash(KubeObject daemonSetCopy) =>
        PodTemplateHash.Compute(daemonSetCopy.EnsureSpec().EnsureObject("template"), null);

    private static bool Fits(PodTemplate template, Node node) =>
        template.Spec.MatchesNode(node.Metadata.Labels, node.Name)
        && node.Taints.Where(t => t.Effect is TaintEffects.NoSchedule or TaintEffects.NoExecute)
            .All(t => t.Key.StartsWith(NodeConditionTaintPrefix, StringComparison.Ordinal) || Toleration.AnyTolerates(template.Spec.Tolerations, t));
}
