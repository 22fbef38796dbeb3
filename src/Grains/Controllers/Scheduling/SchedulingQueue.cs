using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Scheduling;

/// <summary>
/// Pods waiting for a node, in arrival order. A pod that fit nowhere waits as unschedulable until the
/// cluster changes (a node changed, resources were freed) or <see cref="UnschedulableRetryPeriod"/>
/// passes, and then no sooner than its backoff (1 s doubling to 10 s, as kube-scheduler's). Not
/// thread-safe: owned by the scheduler grain.
/// </summary>
public sealed class SchedulingQueue
{
    public static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan UnschedulableRetryPeriod = TimeSpan.FromMinutes(1);

    private readonly Dictionary<ResourceKey, PendingPod> _pending = [];
    private readonly Queue<ResourceKey> _active = new();
    private readonly HashSet<ResourceKey> _inActive = [];

    public int Count => _pending.Count;

    public int ActiveCount => _inActive.Count;

    public PendingPod? Find(ResourceKey key) => _pending.GetValueOrDefault(key);

    /// <summary>
    /// Adds or refreshes a pending pod. An unschedulable pod stays waiting unless its spec changed
    /// (a new generation): the scheduler's own status write must not make it retry at once.
    /// </summary>
    public void Upsert(Pod pod)
    {
        var key = ResourceKey.Of(pod.Object);
        if (_pending.TryGetValue(key, out var existing))
        {
            existing.Pod = pod;
            if (existing.Unschedulable && existing.Generation == pod.Metadata.Generation)
                return;
            existing.Generation = pod.Metadata.Generation;
            existing.Unschedulable = false;
        }
        else
        {
            _pending[key] = new PendingPod(pod);
        }
        if (_inActive.Add(key))
            _active.Enqueue(key);
    }

    public void Remove(ResourceKey key)
    {
        _pending.Remove(key);
        _inActive.Remove(key);
    }

    /// <summary>The next pod to schedule; it leaves the queue (put it back with <see cref="MarkUnschedulable"/> or <see cref="Upsert"/>).</summary>
    public bool TryPop(out PendingPod pod)
    {
        while (_active.TryDequeue(out var key))
        {
            if (!_inActive.Remove(key) || !_pending.Remove(key, out var found))
                continue;
            pod = found;
            return true;
        }
        pod = null!;
        return false;
    }

    /// <summary>Keeps a pod that fit nowhere, waiting for a cluster change.</summary>
    public void MarkUnschedulable(PendingPod pod, DateTimeOffset now)
    {
        var key = ResourceKey.Of(pod.Pod.Object);
        pod.Unschedulable = true;
        pod.Attempts++;
        pod.LastAttempt = now;
        pod.RetryRequested = false;
        _pending[key] = pod;
    }

    /// <summary>Keeps a pod whose bind failed for a reason other than a newer version (e.g. the store was unreachable): it retries after its backoff.</summary>
    public void RetryLater(PendingPod pod, DateTimeOffset now)
    {
        MarkUnschedulable(pod, now);
        pod.RetryRequested = true;
    }

    /// <summary>The cluster changed in a way that may let unschedulable pods fit: they retry once their backoff ends.</summary>
    public void RetryUnschedulable()
    {
        foreach (var pod in _pending.Values)
        {
            if (pod.Unschedulable)
                pod.RetryRequested = true;
        }
    }

    /// <summary>Moves unschedulable pods whose retry is due to the active queue; returns when the next one is due, if any.</summary>
    public DateTimeOffset? ActivateDue(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var (key, pod) in _pending)
        {
            if (!pod.Unschedulable)
                continue;
            var due = pod.RetryRequested ? pod.LastAttempt + Backoff(pod.Attempts) : pod.LastAttempt + UnschedulableRetryPeriod;
            if (due <= now)
            {
                pod.Unschedulable = false;
                pod.RetryRequested = false;
                if (_inActive.Add(key))
                    _active.Enqueue(key);
            }
            else if (next is null || due < next)
            {
                next = due;
            }
        }
        return next;
    }

    public static TimeSpan Backoff(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 10);
        var delay = InitialBackoff * Math.Pow(2, exponent);
        return delay > MaxBackoff ? MaxBackoff : delay;
    }
}
