using GitOps.Model.Kinds;

namespace GitOps.Grains.Controllers.Nodes;

/// <summary>
/// What the node lifecycle controller must do for one node, decided by <see cref="Decide"/> as a pure
/// function of the node, when it was last heard from, and the time:
/// a silent node (no heartbeat for the grace period) gets Ready=Unknown and the unreachable NoSchedule
/// and NoExecute taints; a node reporting Ready=False gets the not-ready taints; a node that reports
/// Ready=True again loses them. Pods are evicted once a lifecycle NoExecute taint is older than the
/// eviction timeout (see <see cref="EvictionDueAt"/>).
/// </summary>
public sealed record NodeLifecycleDecision(
    NodeHealth Health,
    bool MarkReadyUnknown,
    IReadOnlyList<Taint>? NewTaints,
    Taint? NoExecuteTaint)
{
    public const string ReasonNodeStatusUnknown = "NodeStatusUnknown";
    public const string MessageNodeStatusUnknown = "Kubelet stopped posting node status.";

    private static readonly string[] LifecycleKeys = [TaintKeys.Unreachable, TaintKeys.NotReady];

    /// <summary>True when the node object must change (status or taints).</summary>
    public bool ChangesNode => MarkReadyUnknown || NewTaints is not null;

    public static NodeLifecycleDecision Decide(Node node, DateTimeOffset lastHeardFrom, DateTimeOffset now, TimeSpan gracePeriod)
    {
        var ready = node.GetCondition(NodeConditionTypes.Ready);
        var silent = now - lastHeardFrom > gracePeriod;
        var health = silent ? NodeHealth.Unreachable
            : ready is null ? NodeHealth.Unknown
            : ready.IsTrue ? NodeHealth.Ready
            : ready.IsFalse ? NodeHealth.NotReady
            : NodeHealth.Unknown;
        var markUnknown = silent && ready?.Status != ConditionStatus.Unknown;

        var current = node.Taints;
        var wantedKey = health switch
        {
            NodeHealth.Unreachable => TaintKeys.Unreachable,
            NodeHealth.NotReady => TaintKeys.NotReady,
            _ => null,
        };
        // Heard from but not saying whether it is ready: leave its taints as they are and evict nothing.
        if (health == NodeHealth.Unknown)
            return new NodeLifecycleDecision(health, markUnknown, null, null);

        var kept = current.Where(t => !LifecycleKeys.Contains(t.Key) || t.Key == wantedKey).ToList();
        if (wantedKey is not null)
        {
            if (!kept.Any(t => t.Key == wantedKey && t.Effect == TaintEffects.NoSchedule))
                kept.Add(new Taint(wantedKey, null, TaintEffects.NoSchedule));
            if (!kept.Any(t => t.Key == wantedKey && t.Effect == TaintEffects.NoExecute))
                kept.Add(new Taint(wantedKey, null, TaintEffects.NoExecute, now));
        }
        var changed = kept.Count != current.Count || kept.Zip(current).Any(p => !p.First.SameAs(p.Second));
        var noExecute = kept.FirstOrDefault(t => t.Key == wantedKey && t.Effect == TaintEffects.NoExecute);
        return new NodeLifecycleDecision(health, markUnknown, changed ? kept : null, noExecute);
    }

    /// <summary>
    /// When a pod on the node must be evicted because of <paramref name="taint"/>: never when it tolerates
    /// the taint without a time limit, after its tolerationSeconds when it gives one, else after
    /// <paramref name="evictionTimeout"/> from the taint's timeAdded.
    /// </summary>
    public static DateTimeOffset? EvictionDueAt(Taint taint, IReadOnlyList<Toleration> tolerations, TimeSpan evictionTimeout, DateTimeOffset now)
    {
        var added = taint.TimeAdded ?? now;
        var matching = tolerations.Where(t => t.Tolerates(taint)).ToArray();
        if (matching.Length == 0)
            return added + evictionTimeout;
        if (matching.Any(t => t.TolerationSeconds is null))
            return null;
        return added + TimeSpan.FromSeconds(Math.Max(0, matching.Min(t => t.TolerationSeconds!.Value)));
    }
}
