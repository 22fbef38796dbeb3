using GitOps.Model.Kinds;

namespace GitOps.Grains.Controllers.Scheduling;

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
