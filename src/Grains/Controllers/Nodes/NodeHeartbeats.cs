namespace GitOps.Grains.Controllers.Nodes;

/// <summary>
/// When each node was last heard from, by this controller's own clock (as Kubernetes' node lifecycle
/// controller does, so agent clock skew does not matter): a heartbeat counts when the node's Lease
/// renewTime or its Ready condition's lastHeartbeatTime moves forward. A node seen for the first time
/// (or after a restart of the controller) gets a full grace period from then.
/// </summary>
public sealed class NodeHeartbeats
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public void ObserveLease(string node, DateTimeOffset? renewTime, DateTimeOffset now) =>
        Observe(node, now, e => Advanced(e.LeaseRenew, renewTime) ? e with { LeaseRenew = renewTime, ObservedAt = now } : e);

    public void ObserveReady(string node, DateTimeOffset? lastHeartbeat, DateTimeOffset now) =>
        Observe(node, now, e => Advanced(e.ReadyHeartbeat, lastHeartbeat) ? e with { ReadyHeartbeat = lastHeartbeat, ObservedAt = now } : e);

    /// <summary>When the node was last heard from; null when never seen.</summary>
    public DateTimeOffset? LastHeardFrom(string node) => _entries.TryGetValue(node, out var entry) ? entry.ObservedAt : null;

    public void Forget(string node) => _entries.Remove(node);

    private void Observe(string node, DateTimeOffset now, Func<Entry, Entry> update)
    {
        if (!_entries.TryGetValue(node, out var entry))
            entry = new Entry(null, null, now);
        _entries[node] = update(entry);
    }

    private static bool Advanced(DateTimeOffset? known, DateTimeOffset? reported) =>
        reported is { } r && (known is not { } k || r > k);

    private sealed record Entry(DateTimeOffset? LeaseRenew, DateTimeOffset? ReadyHeartbeat, DateTimeOffset ObservedAt);
}
