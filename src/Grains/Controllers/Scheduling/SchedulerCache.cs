using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Scheduling;

/// <summary>
/// The scheduler's one authoritative account of nodes and of what pods take on them, fed from the change
/// log. Pods the scheduler has decided but whose bind is not yet seen are "assumed" (counted at once, as
/// kube-scheduler does) so concurrent decisions never overcommit a node; a failed bind is forgotten.
/// Not thread-safe: owned by the scheduler grain, whose turns run one at a time.
/// </summary>
public sealed class SchedulerCache
{
    private readonly Dictionary<string, SchedulingNode> _nodes = new(StringComparer.Ordinal);
    private readonly List<SchedulingNode> _schedulable = [];
    private readonly Dictionary<string, int> _schedulableIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<ResourceKey, Placement> _placements = [];

    /// <summary>Nodes that exist, in a stable order (the algorithm rotates through them).</summary>
    public IReadOnlyList<SchedulingNode> Nodes => _schedulable;

    public SchedulingNode? FindNode(string name) => _nodes.GetValueOrDefault(name);

    /// <summary>The node a pod is bound or assumed to, if any.</summary>
    public string? NodeOf(ResourceKey pod) => _placements.TryGetValue(pod, out var placement) ? placement.NodeName : null;

    public bool IsAssumed(ResourceKey pod) => _placements.TryGetValue(pod, out var placement) && placement.Assumed;

    /// <summary>Applies a Node change; true when it may let unschedulable pods fit (anything scheduling-relevant changed).</summary>
    public bool ApplyNode(string name, Node? node)
    {
        var facts = node is null ? NodeFacts.Empty : NodeFacts.From(node);
        var entry = GetOrAddNode(name);
        var relevant = !entry.Facts.Equivalent(facts);
        entry.SetFacts(facts);
        if (facts.Exists)
            AddToSchedulable(entry);
        else
            RemoveFromSchedulable(entry);
        return relevant && facts.Exists;
    }

    /// <summary>
    /// Applies a Pod change to the placements (pending pods are the queue's business). Returns true when
    /// resources were freed on a node (a placed pod went away or finished).
    /// </summary>
    public bool ApplyPod(ResourceKey key, Pod? pod)
    {
        if (pod is null)
            return Remove(key);
        var nodeName = pod.NodeName;
        if (string.IsNullOrEmpty(nodeName))
        {
            // An older unbound version of a pod we already assumed: the assumption stands until the
            // bind shows up or fails, so the node is never under-counted meanwhile.
            return !IsAssumed(key) && Remove(key);
        }
        if (pod.IsTerminal)
            return Remove(key);
        if (_placements.TryGetValue(key, out var known) && known.NodeName == nodeName)
        {
            // Status updates of a placed pod change nothing here; a confirmed bind ends the assumption.
            if (known.Assumed)
                _placements[key] = known with { Assumed = false };
            return false;
        }
        var requests = ResourceAmounts.FromRequests(pod.Spec.TotalRequests);
        var owner = pod.Metadata.ControllerReference?.Uid;
        var freed = _placements.TryGetValue(key, out var previous) && previous.NodeName != nodeName;
        Remove(key);
        Place(key, new Placement(nodeName, requests, owner, Assumed: false));
        return freed;
    }

    /// <summary>Counts a decided pod on its node before the bind is confirmed.</summary>
    public void Assume(PodRequirements pod, string nodeName)
    {
        Remove(pod.Key);
        Place(pod.Key, new Placement(nodeName, pod.Requests, pod.OwnerUid, Assumed: true));
    }

    /// <summary>Drops an assumption whose bind failed; a confirmed placement is kept.</summary>
    public void Forget(ResourceKey pod)
    {
        if (IsAssumed(pod))
            Remove(pod);
    }

    private void Place(ResourceKey key, Placement placement)
    {
        _placements[key] = placement;
        GetOrAddNode(placement.NodeName).Add(placement.Requests, placement.OwnerUid, +1);
    }

    private bool Remove(ResourceKey key)
    {
        if (!_placements.Remove(key, out var placement))
            return false;
        var node = _nodes[placement.NodeName];
        node.Add(placement.Requests, placement.OwnerUid, -1);
        if (!node.Facts.Exists && node.Requested.Pods == 0)
            _nodes.Remove(node.Name);
        return true;
    }

    private SchedulingNode GetOrAddNode(string name)
    {
        if (!_nodes.TryGetValue(name, out var node))
        {
            node = new SchedulingNode(name);
            _nodes[name] = node;
        }
        return node;
    }

    private void AddToSchedulable(SchedulingNode node)
    {
        if (_schedulableIndex.ContainsKey(node.Name))
            return;
        _schedulableIndex[node.Name] = _schedulable.Count;
        _schedulable.Add(node);
    }

    private void RemoveFromSchedulable(SchedulingNode node)
    {
        if (!_schedulableIndex.Remove(node.Name, out var index))
            return;
        var last = _schedulable[^1];
        _schedulable[index] = last;
        _schedulable.RemoveAt(_schedulable.Count - 1);
        if (last != node)
            _schedulableIndex[last.Name] = index;
        if (node.Requested.Pods == 0)
            _nodes.Remove(node.Name);
    }

    private sealed record Placement(string NodeName, ResourceAmounts Requests, string? OwnerUid, bool Assumed);
}
