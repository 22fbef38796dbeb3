using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Controllers.Workloads;
using GitOps.Grains.Informers;
using GitOps.Grains.Resources;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Store;
using Orleans;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Controllers.Scheduling;

/// <summary>
/// Binds pending pods to nodes. Each turn syncs the cache from the shared pod and node informers, then keeps going while binds
/// are in flight: it decides queued pods against the cache (assuming each placement at once) and starts
/// their binds (spec.nodeName, conditional on the pod's resourceVersion), at most
/// <see cref="ControllerOptions.SchedulerBatchSize"/> at a time; whenever a bind completes or the informers
/// bring a change, it forgets assumptions whose bind failed, takes the changes and decides the
/// pods that arrived meanwhile, so a pod created during a burst waits for no batch. PodScheduled=True is
/// left to the node agent's first report for a while (see <see cref="UnconfirmedBinds"/>). Pods that fit
/// nowhere get PodScheduled=False (Unschedulable) and a FailedScheduling event, and wait for a cluster change.
/// </summary>
internal sealed class SchedulerGrain(
    IResourceStore store,
    SharedInformerFactory informers,
    IEventRecorder events,
    TimeProvider time,
    IOptions<ControllerOptions> options,
    ControllerMetrics metrics,
    ILogger<SchedulerGrain> logger) : ControllerGrain(store, options.Value, metrics, logger), ISchedulerGrain
{
    public const string Component = "default-scheduler";

    /// <summary>A turn decides at most this many times <see cref="ControllerOptions.SchedulerBatchSize"/> pods, then ends and requeues at once.</summary>
    private const int MaxBatchesPerTurn = 20;

    private readonly ChangeQueue _feed = new(informers, [SchedulerWatch.PodType, SchedulerWatch.NodeType]);
    private readonly SchedulerCache _cache = new();
    private readonly SchedulingQueue _queue = new();
    private readonly UnconfirmedBinds _unconfirmed = new();
    private readonly SchedulingAlgorithm _algorithm = new(options.Value.SchedulerPercentageOfNodesToScore);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _feed.Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    protected override async Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        var caughtUp = await _feed.SyncAsync(Apply, cancellationToken);
        var nextDue = _queue.ActivateDue(time.GetUtcNow());
        var binds = new List<Task<BindResult>>();
        var followUps = new List<Task>();
        var budget = MaxBatchesPerTurn * Options.SchedulerBatchSize;
        while (true)
        {
            budget -= Decide(binds, followUps, budget, cancellationToken);
            if (binds.Count == 0)
                break;
            await WaitForProgressAsync(binds, cancellationToken);
            Collect(binds);
            caughtUp = await _feed.SyncAsync(Apply, cancellationToken);
            ConfirmDue(followUps);
            if (nextDue is { } due && due <= time.GetUtcNow())
                nextDue = _queue.ActivateDue(time.GetUtcNow());
        }
        ConfirmDue(followUps);
        // Status writes overlap with later decisions; the turn ends only when they are done.
        await Task.WhenAll(followUps);
        MarkSeenThrough(_feed.ResourceVersion);
        if (!caughtUp || _queue.ActiveCount > 0)
            return ReconcileResult.Success(TimeSpan.Zero);
        nextDue = Earliest(_queue.ActivateDue(time.GetUtcNow()) ?? nextDue, _unconfirmed.NextDue);
        return nextDue is { } next ? ReconcileResult.Success(next - time.GetUtcNow()) : ReconcileResult.Success();
    }

    private void Apply(FeedChange change)
    {
        var deleted = change.Kind == FeedChangeKind.Deleted || change.Object is null;
        if (change.Key.Type == SchedulerWatch.NodeType)
        {
            if (_cache.ApplyNode(change.Key.Name, deleted ? null : new Node(change.Object!)))
                _queue.RetryUnschedulable();
            return;
        }
        var pod = deleted ? null : new Pod(change.Object!);
        _unconfirmed.Observe(change.Key, pod, time.GetUtcNow());
        if (_cache.ApplyPod(change.Key, pod))
            _queue.RetryUnschedulable();
        if (pod is not null && NeedsNode(pod) && !_cache.IsAssumed(change.Key))
            _queue.Upsert(pod);
        else
            _queue.Remove(change.Key);
    }

    // A pod without a spec is invalid and has nothing to place; its Spec view would add an empty spec to the
    // informer's shared object.
    private static bool NeedsNode(Pod pod) =>
        pod.Object.Spec is not null && string.IsNullOrEmpty(pod.NodeName) && !pod.IsBeingDeleted && !pod.IsTerminal
        && pod.Spec.SchedulerName is null or "" or Component;

    /// <summary>
    /// Decides queued pods against the cache (assuming each placement at once) and starts their binds, while
    /// fewer than <see cref="ControllerOptions.SchedulerBatchSize"/> binds are in flight; returns how many it decided.
    /// </summary>
    private int Decide(List<Task<BindResult>> binds, List<Task> followUps, int budget, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var decided = 0;
        while (decided < budget && binds.Count < Options.SchedulerBatchSize && _queue.TryPop(out var pending))
        {
            decided++;
            var requirements = PodRequirements.From(pending.Pod);
            var decision = _algorithm.Schedule(requirements, _cache.Nodes);
            if (decision.NodeName is { } node)
            {
                _cache.Assume(requirements, node);
                binds.Add(BindAsync(pending, node, cancellationToken));
            }
            else
            {
                _queue.MarkUnschedulable(pending, now);
                followUps.Add(ReportUnschedulableAsync(pending.Pod, decision.Message!, cancellationToken));
            }
        }
        return decided;
    }

    /// <summary>
    /// Waits until a bind completes or the store commits a change (a new pod may be waiting), so pods created
    /// while binds are in flight are decided at once rather than after the slowest bind of a batch.
    /// </summary>
    private async Task WaitForProgressAsync(List<Task<BindResult>> binds, CancellationToken cancellationToken)
    {
        if (binds.Exists(b => b.IsCompleted))
            return;
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(Task.WhenAny(binds), WaitForChangeAsync(stopWaiting.Token));
        await stopWaiting.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _feed.WaitForPendingAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A bind completed first.
        }
        catch (Exception e)
        {
            // The wait only hastens the next look at the change log; without it the binds' completion brings it.
            SchedulerLog.ChangeWaitFailed(Logger, e.Message);
        }
    }

    /// <summary>Takes the results of completed binds. Assumptions change only here, in the grain's turn, never in the concurrent bind continuations.</summary>
    private void Collect(List<Task<BindResult>> binds)
    {
        var now = time.GetUtcNow();
        var i = 0;
        while (i < binds.Count)
        {
            if (!binds[i].IsCompleted)
            {
                i++;
                continue;
            }
            var result = binds[i].GetAwaiter().GetResult();
            binds[i] = binds[^1];
            binds.RemoveAt(binds.Count - 1);
            if (!result.Bound)
                _cache.Forget(result.Pod);
            if (result.RetryLater is { } retry)
                _queue.RetryLater(retry, now);
        }
    }

    private async Task<BindResult> BindAsync(PendingPod queued, string node, CancellationToken cancellationToken)
    {
        var pending = queued.Pod;
        var key = ResourceKey.Of(pending.Object);
        var binding = new Pod(pending.Object.DeepClone()) { NodeName = node };
        ResourceResult result;
        try
        {
            result = await ResourceGrain(key).UpdateAsync(binding.Object, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Every bind must come back with an answer, or its assumption would hold the node's resources
            // forever; and the pod, unchanged, would never come back through the change log: retry it.
            SchedulerLog.BindFailed(Logger, key.Namespace, key.Name, node, $"{e.GetType().Name}: {e.Message}");
            return new BindResult(key, false, queued);
        }
        if (!result.Succeeded || result.Object is null)
        {
            // Conflict or not found: the pod's newer version (or its deletion) arrives through the change log.
            SchedulerLog.BindFailed(Logger, key.Namespace, key.Name, node, result.Message ?? result.Outcome.ToString());
            return new BindResult(key, false, null);
        }
        events.Record(Component, result.Object, EventType.Normal, "Scheduled", $"Successfully assigned {key.Namespace}/{key.Name} to {node}");
        SchedulerLog.Bound(Logger, key.Namespace, key.Name, node);
        return new BindResult(key, true, null);
    }

    /// <summary>Writes PodScheduled=True for bound pods whose node agent has not reported it in time (see <see cref="UnconfirmedBinds"/>).</summary>
    private void ConfirmDue(List<Task> followUps)
    {
        foreach (var pod in _unconfirmed.TakeDue(time.GetUtcNow()))
            followUps.Add(ConfirmAsync(pod));
    }

    private async Task ConfirmAsync(KubeObject bound)
    {
        var key = ResourceKey.Of(bound);
        var node = new Pod(bound).NodeName;
        try
        {
            // The bind has committed; its condition follows even if the turn is being cancelled. On a conflict
            // the stored version is looked at again: the agent may have reported meanwhile.
            await ConflictRetry.UpdateAsync(ResourceGrain(key), bound, current =>
            {
                var pod = new Pod(current);
                if (pod.NodeName != node || !UnconfirmedBinds.NeedsCondition(pod))
                    return null;
                var updated = new Pod(current.DeepClone());
                updated.SetCondition(new Condition(PodConditionTypes.PodScheduled, ConditionStatus.True), time.GetUtcNow());
                return updated.Object;
            }, status: true, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SchedulerLog.ConfirmFailed(Logger, key.Namespace, key.Name, e.Message);
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    private async Task ReportUnschedulableAsync(Pod pending, string message, CancellationToken cancellationToken)
    {
        var key = ResourceKey.Of(pending.Object);
        SchedulerLog.Unschedulable(Logger, key.Namespace, key.Name, message);
        events.Record(Component, pending.Object, EventType.Warning, "FailedScheduling", message);
        var current = pending.GetCondition(PodConditionTypes.PodScheduled);
        if (current is { Status: ConditionStatus.False, Reason: PodConditionTypes.ReasonUnschedulable } && current.Message == message)
            return;
        var updated = new Pod(pending.Object.DeepClone());
        updated.SetCondition(new Condition(PodConditionTypes.PodScheduled, ConditionStatus.False, PodConditionTypes.ReasonUnschedulable, message), time.GetUtcNow());
        // A conflict means the pod changed meanwhile; the change brings it back to the queue. A failed
        // write is retried with the pod's next attempt, so it must not stop the batch's binds.
        try
        {
            await ResourceGrain(key).UpdateStatusAsync(updated.Object, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SchedulerLog.StatusWriteFailed(Logger, key.Namespace, key.Name, e.Message);
        }
    }

    /// <summary>A bind's outcome, and the pod to retry after its backoff when the bind failed for a reason other than a newer version.</summary>
    private sealed record BindResult(ResourceKey Pod, bool Bound, PendingPod? RetryLater);
}
