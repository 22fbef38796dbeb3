using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Informers;
using GitOps.Grains.Resources;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Store;
using Orleans;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Controllers.Nodes;

/// <summary>
/// Watches node heartbeats (Leases in kube-node-lease and the Ready condition) on each reminder tick,
/// marks silent nodes Ready=Unknown and taints them unreachable, taints nodes reporting NotReady, removes
/// the taints when a node reports Ready again, and deletes the pods of a tainted node once the eviction
/// timeout has passed, so their owners recreate them elsewhere.
/// </summary>
internal sealed class NodeLifecycleGrain(
    IResourceStore store,
    SharedInformerFactory informers,
    IEventRecorder events,
    TimeProvider time,
    IOptions<ControllerOptions> options,
    ControllerMetrics metrics,
    ILogger<NodeLifecycleGrain> logger) : ControllerGrain(store, options.Value, metrics, logger), INodeLifecycleGrain
{
    public const string Component = "node-controller";
    public const string ReasonNodeNotReady = "NodeNotReady";
    public const string ReasonNodeReady = "NodeReady";
    public const string ReasonEviction = "TaintManagerEviction";

    private static readonly ResourceType PodType = new("", Pod.Kind);

    private readonly ChangeQueue _feed = new(informers, [NodeLifecycleWatch.NodeType, NodeLifecycleWatch.LeaseType]);
    private readonly Dictionary<string, KubeObject> _nodes = new(StringComparer.Ordinal);
    private readonly NodeHeartbeats _heartbeats = new();

    protected override TimeSpan ResyncPeriod => Options.NodeMonitorPeriod;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _feed.Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    protected override async Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        await _feed.SyncAsync(Apply, cancellationToken);
        var now = time.GetUtcNow();
        var failed = new List<string>();
        foreach (var node in _nodes.Values.ToArray())
        {
            var name = node.Metadata.Name ?? "";
            var lastHeard = _heartbeats.LastHeardFrom(name) ?? now;
            var decision = NodeLifecycleDecision.Decide(new Node(node), lastHeard, now, Options.NodeGracePeriod);
            if (decision.Health is NodeHealth.Unreachable or NodeHealth.NotReady && decision.ChangesNode)
                NodeLifecycleLog.NodeUnhealthy(Logger, name, decision.Health, lastHeard);
            if (decision.ChangesNode && !await UpdateNodeAsync(node, decision, now, cancellationToken))
                failed.Add(name);
            if (decision.NoExecuteTaint is { } taint)
                await HandlePodsAsync(name, taint, decision.Health, now, cancellationToken);
        }
        MarkSeenThrough(_feed.ResourceVersion);
        return failed.Count == 0
            ? ReconcileResult.Success()
            : ReconcileResult.Failure($"updating node(s) {string.Join(", ", failed)} conflicted with other writers; retrying");
    }

    private void Apply(FeedChange change)
    {
        var now = time.GetUtcNow();
        if (change.Key.Type == NodeLifecycleWatch.NodeType)
        {
            if (change.Kind == FeedChangeKind.Deleted || change.Object is null)
            {
                _nodes.Remove(change.Key.Name);
                _heartbeats.Forget(change.Key.Name);
                return;
            }
            _nodes[change.Key.Name] = change.Object;
            _heartbeats.ObserveReady(change.Key.Name, new Node(change.Object).GetCondition(NodeConditionTypes.Ready)?.LastHeartbeatTime, now);
            return;
        }
        if (change.Key.Namespace == NodeLifecycleWatch.NodeLeaseNamespace && change.Kind == FeedChangeKind.Upserted && change.Object is not null)
            _heartbeats.ObserveLease(change.Key.Name, new Lease(change.Object).RenewTime, now);
    }

    /// <summary>Writes the Ready=Unknown status, then the taints; false when a write lost a race.</summary>
    private async Task<bool> UpdateNodeAsync(KubeObject cached, NodeLifecycleDecision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = ResourceKey.Of(cached);
        var current = cached;
        if (decision.MarkReadyUnknown)
        {
            var node = new Node(current.DeepClone());
            node.SetCondition(new Condition(NodeConditionTypes.Ready, ConditionStatus.Unknown,
                NodeLifecycleDecision.ReasonNodeStatusUnknown, NodeLifecycleDecision.MessageNodeStatusUnknown), now);
            var result = await ResourceGrain(key).UpdateStatusAsync(node.Object, cancellationToken);
            if (!result.Succeeded || result.Object is null)
                return Failed(key, result);
            current = result.Object;
            events.Record(Component, current, EventType.Normal, ReasonNodeNotReady, $"Node {key.Name} status is now: NodeNotReady");
        }
        if (decision.NewTaints is { } taints)
        {
            var hadLifecycleTaint = new Node(current).Taints.Any(t => t.Key is TaintKeys.Unreachable or TaintKeys.NotReady);
            var node = new Node(current.DeepClone()) { Taints = taints };
            var result = await ResourceGrain(key).UpdateAsync(node.Object, cancellationToken);
            if (!result.Succeeded || result.Object is null)
                return Failed(key, result);
            current = result.Object;
            if (decision.Health == NodeHealth.NotReady && !hadLifecycleTaint)
                events.Record(Component, current, EventType.Normal, ReasonNodeNotReady, $"Node {key.Name} status is now: NodeNotReady");
            if (decision.Health == NodeHealth.Ready && hadLifecycleTaint)
            {
                NodeLifecycleLog.NodeReady(Logger, key.Name);
                events.Record(Component, current, EventType.Normal, ReasonNodeReady, $"Node {key.Name} status is now: NodeReady");
            }
        }
        _nodes[key.Name] = current;
        return true;
    }

    private bool Failed(ResourceKey key, ResourceResult result)
    {
        NodeLifecycleLog.UpdateFailed(Logger, key.Name, result.Message ?? result.Outcome.ToString());
        return false;
    }

    /// <summary>Marks the pods of an unreachable node not ready, and deletes those whose eviction is due.</summary>
    private async Task HandlePodsAsync(string nodeName, Taint taint, NodeHealth health, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var obj in (await InformerAsync(PodType, cancellationToken)).ListByNode(nodeName))
        {
            var pod = new Pod(obj);
            if (pod.IsBeingDeleted || pod.IsTerminal)
                continue;
            var key = ResourceKey.Of(obj);
            var due = NodeLifecycleDecision.EvictionDueAt(taint, pod.Spec.Tolerations, Options.PodEvictionTimeout, now);
            if (due is { } at && at <= now)
            {
                NodeLifecycleLog.Evicting(Logger, key.Namespace, key.Name, nodeName, health);
                events.Record(Component, obj, EventType.Normal, ReasonEviction, $"Marking for deletion Pod {key.Namespace}/{key.Name}");
                await ResourceGrain(key).DeleteAsync(new DeleteRequest(ExpectedUid: obj.Metadata.Uid, HolderGone: true), cancellationToken);
            }
            else if (health == NodeHealth.Unreachable && pod.IsReady)
            {
                var notReady = new Pod(obj.DeepClone());
                notReady.SetCondition(new Condition(PodConditionTypes.Ready, ConditionStatus.False, ReasonNodeNotReady, $"Node {nodeName} is not ready"), now);
                await ResourceGrain(key).UpdateStatusAsync(notReady.Object, cancellationToken);
            }
        }
    }
}
