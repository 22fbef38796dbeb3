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
