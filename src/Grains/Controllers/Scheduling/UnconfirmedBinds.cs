using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Scheduling;

/// <summary>
/// Bound pods of this scheduler whose status does not yet say PodScheduled=True. Kubernetes sets that
/// condition in the same write as spec.nodeName (the binding subresource); here a bind is a spec update and
/// the condition a second, status write. The node agent reports PodScheduled=True in its first status (as
/// the kubelet does), so the scheduler writes the condition itself only for a pod that still lacks it
/// <see cref="Grace"/> after the scheduler saw it bound, and at once for a pod whose status still says
/// PodScheduled=False from an earlier attempt. In the common case a bound pod then costs one store write
/// less, and its agent's first report does not queue behind the scheduler's status write. Pods are tracked
/// from the change log, so after a restart a bound pod still without the condition gets it too. Not
/// thread-safe: owned by the scheduler grain.
/// </summary>
public sealed class UnconfirmedBinds
{
    /// <summary>How long a bound pod waits for its node agent's report before the scheduler writes PodScheduled=True.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private readonly Dictionary<ResourceKey, Entry> _binds = [];

    public int Count => _binds.Count;

    /// <summary>When the next pod is due, if any.</summary>
    public DateTimeOffset? NextDue => _binds.Count == 0 ? null : _binds.Values.Min(e => e.Due);

    /// <summary>
    /// Follows a pod's change from the change log (the scheduler's own binds come back through it): a pod
    /// that now has PodScheduled=True, finished, lost its node or was deleted (<paramref name="pod"/> null)
    /// is forgotten; a newer version of a tracked pod is kept for the write; a bound pod not tracked yet that
    /// needs the condition is tracked from <paramref name="now"/>.
    /// </summary>
    public void Observe(ResourceKey key, Pod? pod, DateTimeOffset now)
    {
        if (!_binds.TryGetValue(key, out var entry))
        {
            // A pod whose status still says PodScheduled=False from an earlier attempt must not keep saying so.
            if (NeedsCondition(pod))
                _binds[key] = new Entry(pod!.Object, pod.GetCondition(PodConditionTypes.PodScheduled) is { IsTrue: false } ? now : now + Grace);
            return;
        }
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

    /// <summary>A bound, live pod of this scheduler whose status does not say PodScheduled=True.</summary>
    public static bool NeedsCondition(Pod? pod) =>
        pod is not null && !string.IsNullOrEmpty(pod.NodeName) && !pod.IsBeingDeleted && !pod.IsTerminal
        && pod.Spec.SchedulerName is null or "" or SchedulerGrain.Component
        && pod.GetCondition(PodConditionTypes.PodScheduled) is not { IsTrue: true };

    private sealed record Entry(KubeObject Pod, DateTimeOffset Due);
}
