using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Scheduling;

/// <summary>
/// Pods the scheduler bound whose status does not yet say PodScheduled=True. Kubernetes sets that condition
/// in the same write as spec.nodeName (the binding subresource); here a bind is a spec update and the
/// condition a second, status write. The node agent reports PodScheduled=True in its first status (as the
/// kubelet does), so the scheduler writes the condition itself only for a pod that still lacks it
/// <see cref="Grace"/> after its bind, and at once for a pod whose status still says PodScheduled=False
/// from an earlier attempt. In the common case a bound pod then costs one store write less, and its agent's
/// first report does not queue behind the scheduler's status write. Not thread-safe: owned by the scheduler grain.
/// </summary>
public sealed class UnconfirmedBinds
{
    /// <summary>How long a bound pod waits for its node agent's report before the scheduler writes PodScheduled=True.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private readonly Dictionary<ResourceKey, Entry> _binds = [];

    public int Count => _binds.Count;

    /// <summary>When the next pod is due, if any.</summary>
    public DateTimeOffset? NextDue => _binds.Count == 0 ? null : _binds.Values.Min(e => e.Due);

    /// <summary>Tracks a pod as the bind stored it (its status as before the bind).</summary>
    public void Add(KubeObject bound, DateTimeOffset now)
    {
        var pod = new Pod(bound);
        var due = pod.GetCondition(PodConditionTypes.PodScheduled) is { IsTrue: false } ? now : now + Grace;
        _binds[ResourceKey.Of(bound)] = new Entry(bound, due);
    }

    /// <summary>
    /// Follows a pod's change: a pod that now has PodScheduled=True, finished, lost its node or was deleted
    /// (<paramref name="pod"/> null) is forgotten; otherwise the newer version is kept for the write.
    /// </summary>
    public void Observe(ResourceKey key, Pod? pod)
    {
        if (!_binds.TryGetValue(key, out var entry))
            return;
        if (!NeedsCondition(pod))
            _binds.Remove(key);
        else if (pod!.Metadata.ResourceVersionNumber > entry.Pod.Metadata.ResourceVersionNumber)
            _binds[key] = entry with { Pod = pod.Object };
    }

    /// <summary>Removes and returns the pods whose condition is due now.</summary>
    public IReadOnlyList<KubeObject> TakeDue(DateTimeOffset now)
    {
        if (_binds.Count == 0)
            return [];
        var due = _binds.Where(b => b.Value.Due <= now).ToArray();
        foreach (var (key, _) in due)
            _binds.Remove(key);
        return due.Select(d => d.Value.Pod).ToArray();
    }

    /// <summary>A bound, live pod whose status does not say PodScheduled=True.</summary>
    public static bool NeedsCondition(Pod? pod) =>
        pod is not null && !string.IsNullOrEmpty(pod.NodeName) && !pod.IsBeingDeleted && !pod.IsTerminal
        && pod.GetCondition(PodConditionTypes.PodScheduled) is not { IsTrue: true };

    private sealed record Entry(KubeObject Pod, DateTimeOffset Due);
}
