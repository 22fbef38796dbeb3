using GitOps.Model.Objects;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Logging;
using GitOps.NodeAgent.Nodes;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Pods;

/// <summary>
/// Routes pod events of the agent's watch to one <see cref="PodWorker"/> per pod (by uid), for
/// pods bound to nodes this agent serves; pods of other nodes are ignored. After a relist, pods
/// that no longer exist are removed.
/// </summary>
public sealed class PodDispatcher(
    IPodRuntime runtime,
    IReadOnlyDictionary<string, ManagedNode> nodes,
    KubeClient client,
    PodStatusWriter statusWriter,
    TimeProvider time,
    ILogger logger,
    CancellationToken stopping) : IWatchHandler
{
    private readonly Dictionary<string, PodWorker> _workers = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The workers of the pods currently running here.</summary>
    public IReadOnlyList<PodWorker> Workers
    {
        get
        {
            lock (_lock)
                return _workers.Values.ToList();
        }
    }

    public Task ReplaceAsync(IReadOnlyList<KubeObject> items, CancellationToken cancellationToken)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in items)
        {
            if (Upsert(pod) is { } uid)
                present.Add(uid);
        }
        List<PodWorker> gone;
        lock (_lock)
        {
            gone = _workers.Where(w => !present.Contains(w.Key)).Select(w => w.Value).ToList();
            foreach (var worker in gone)
                _workers.Remove(worker.Ref.Uid);
        }
        foreach (var worker in gone)
            worker.Remove();
        return Task.CompletedTask;
    }

    public Task HandleAsync(WatchEventType type, KubeObject obj, CancellationToken cancellationToken)
    {
        if (type == WatchEventType.Deleted)
        {
            PodWorker? worker;
            lock (_lock)
                _workers.Remove(PodRef.Of(obj).Uid, out worker);
            // The last state may carry the deletion's grace period.
            worker?.Update(obj);
            worker?.Remove();
        }
        else
        {
            Upsert(obj);
        }
        return Task.CompletedTask;
    }

    /// <summary>Hands the pod to its worker, creating it for a pod new here; the pod's uid, or null when not ours.</summary>
    private string? Upsert(KubeObject pod)
    {
        var podRef = PodRef.Of(pod);
        if (!nodes.TryGetValue(podRef.NodeName, out var node))
            return null;
        PodWorker? worker;
        var created = false;
        lock (_lock)
        {
            if (!_workers.TryGetValue(podRef.Uid, out worker))
            {
                worker = runtime.CreateWorker(new PodWorkerContext(pod, node, client.ForNode(node.Name), statusWriter, time, logger));
                _workers[podRef.Uid] = worker;
                created = true;
            }
        }
        if (created)
        {
            AgentLog.PodAccepted(logger, podRef.Namespace, podRef.Name, node.Name, runtime.Name);
            worker.Start(stopping);
        }
        else
        {
            worker.Update(pod);
        }
        return podRef.Uid;
    }
}
