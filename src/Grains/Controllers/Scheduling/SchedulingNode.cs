using GitOps.Model.Kinds;

namespace GitOps.Grains.Controllers.Scheduling;

/// <summary>
/// The scheduler's view of one node: what it offers (from the Node object) and what pods bound or
/// assumed on it take. Owned by one <see cref="SchedulerCache"/>; mutated only there.
/// </summary>
public sealed class SchedulingNode(string name)
{
    private readonly Dictionary<string, int> _podsPerOwner = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public NodeFacts Facts { get; private set; } = NodeFacts.Empty;

    /// <summary>Sum of the requests of pods on the node (Pods is their number).</summary>
    public ResourceAmounts Requested { get; private set; }

    /// <summary>Sum of the non-zero requests (for scoring).</summary>
    public ResourceAmounts NonZeroRequested { get; private set; }

    /// <summary>Pods of the given owner (controller uid) on this node.</summary>
    public int PodsOf(string? ownerUid) => ownerUid is not null && _podsPerOwner.TryGetValue(ownerUid, out var count) ? count : 0;

    internal void SetFacts(NodeFacts facts) => Facts = facts;

    internal void Add(ResourceAmounts requests, string? ownerUid, int sign)
    {
        Requested = sign > 0 ? Requested + requests : Requested - requests;
        var nonZero = requests.NonZero();
        NonZeroRequested = sign > 0 ? NonZeroRequested + nonZero : NonZeroRequested - nonZero;
        if (ownerUid is null)
            return;
        var count = PodsOf(ownerUid) + sign;
        if (count <= 0)
            _podsPerOwner.Remove(ownerUid);
        else
            _podsPerOwner[ownerUid] = count;
    }
}

/// <summary>
/// What a Node object says that matters for scheduling; compared to tell a relevant node change (retry
/// unschedulable pods) from a heartbeat.
/// </summary>
public sealed record NodeFacts(
    bool Exists,
    bool Ready,
    bool Unschedulable,
    ResourceAmounts Allocatable,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<Taint> Taints)
{
    public static NodeFacts Empty { get; } = new(false, false, false, default, new Dictionary<string, string>(), []);

    public static NodeFacts From(Node node) => new(
        true,
        node.IsReady,
        node.Unschedulable,
        ResourceAmounts.FromAllocatable(node.Allocatable),
        node.Metadata.Labels,
        node.Taints.Where(t => t.Effect is TaintEffects.NoSchedule or TaintEffects.NoExecute).ToArray());

    public bool Equivalent(NodeFacts other) =>
        Exists == other.Exists && Ready == other.Ready && Unschedulable == other.Unschedulable && Allocatable == other.Allocatable
        && Labels.Count == other.Labels.Count && Labels.All(l => other.Labels.TryGetValue(l.Key, out var v) && v == l.Value)
        && Taints.Count == other.Taints.Count && Taints.Zip(other.Taints).All(p => p.First.Key == p.Second.Key && p.First.Value == p.Second.Value && p.First.Effect == p.Second.Effect);
}
