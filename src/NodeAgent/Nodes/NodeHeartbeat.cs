using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Logging;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Nodes;

/// <summary>
/// Keeps one node alive in the control plane's eyes, as a kubelet does: renews its Lease in
/// <c>kube-node-lease</c> every <see cref="HeartbeatOptions.LeaseRenewInterval"/>, and rewrites
/// the Node's conditions (Ready=True, lastHeartbeatTime) every
/// <see cref="HeartbeatOptions.NodeStatusInterval"/> and at once after the node was silenced.
/// A silenced node sends nothing. A node the server no longer has (deleted, or an API server
/// with another store after the client moved) is registered again, as at start. Every time it
/// writes (renewTime, lastHeartbeatTime) and when the node status is due come from the agent's clock.
/// </summary>
public sealed class NodeHeartbeat(KubeClient client, NodeRegistrar registrar, ManagedNode node, HeartbeatOptions options, TimeProvider time, ILogger logger)
{
    private KubeObject? _lease;
    private DateTimeOffset _readySince = time.GetUtcNow();
    private DateTimeOffset _lastStatus = DateTimeOffset.MinValue;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Spread a large fleet's heartbeats over the interval instead of sending them in one burst.
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * options.LeaseRenewInterval.TotalMilliseconds), cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (node.IsSilenced)
            {
                AgentLog.HeartbeatStopped(logger, node.Name);
                await node.WaitUntilActiveAsync(cancellationToken);
                AgentLog.HeartbeatResumed(logger, node.Name);
                _readySince = time.GetUtcNow();
                _lastStatus = DateTimeOffset.MinValue;
            }
            await BeatAsync(cancellationToken);
            var jitter = 0.9 + Random.Shared.NextDouble() * 0.2;
            await Task.Delay(options.LeaseRenewInterval * jitter, cancellationToken);
        }
    }

    /// <summary>One heartbeat: renew the lease, and the node status when it is due.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var renewed = await RenewLeaseAsync(now, cancellationToken);
        if (renewed is not null)
            AgentLog.LeaseRenewFailed(logger, node.Name, renewed);
        if (now - _lastStatus < options.NodeStatusInterval)
            return;
        var patch = new JsonObject { ["status"] = new JsonObject { ["conditions"] = NodeObjects.Conditions(now, _readySince) } };
        var result = await client.PatchStatusAsync(ResourcePath.Node(node.Name), patch, cancellationToken);
        if (result.IsNotFound)
        {
            AgentLog.NodeMissing(logger, node.Name, result.Server?.ToString() ?? "");
            var error = await registrar.TryRegisterAsync(node, cancellationToken);
            if (error is null)
            {
                // Registration wrote the full status, Ready included; the lease is renewed with the new uid as owner.
                _lastStatus = now;
                _lease = null;
            }
            else
            {
                AgentLog.NodeRegistrationFailed(logger, node.Name, error);
            }
        }
        else if (result.IsSuccess)
        {
            _lastStatus = now;
        }
        else
        {
            AgentLog.NodeStatusFailed(logger, node.Name, result.Error?.ToString() ?? "");
        }
    }

    /// <summary>Renews the lease; null on success, else what went wrong.</summary>
    private async Task<string?> RenewLeaseAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var path = ResourcePath.Lease(NodeObjects.LeaseNamespace, node.Name);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (_lease is null)
            {
                var fetched = await client.GetAsync(path, cancellationToken);
                if (fetched.IsNotFound)
                    return await CreateLeaseAsync(now, cancellationToken);
                if (!fetched.IsSuccess || fetched.Object is null)
                    return fetched.Error?.ToString();
                _lease = fetched.Object;
            }
            var renewal = _lease.DeepClone();
            if (!string.IsNullOrEmpty(node.Uid) && renewal.Metadata.OwnerReferences.All(o => o.Uid != node.Uid))
            {
                // The node was registered again (it got a new uid): the lease follows its owner.
                renewal.Metadata.SetOwnerReferences([NodeObjects.LeaseOwner(node.Name, node.Uid)]);
            }
            var spec = renewal.EnsureSpec();
            spec["holderIdentity"] = node.Name;
            spec["leaseDurationSeconds"] = (int)Math.Ceiling(options.LeaseDuration.TotalSeconds);
            spec["renewTime"] = Pods.Status.Timestamps.FormatMicro(now);
            var updated = await client.UpdateAsync(path, renewal, cancellationToken);
            if (updated.IsSuccess && updated.Object is not null)
            {
                _lease = updated.Object;
                return null;
            }
            _lease = null;
            if (!updated.IsConflict && !updated.IsNotFound)
                return updated.Error?.ToString();
        }
        return "the lease kept changing under the agent (conflicts)";
    }

    private async Task<string?> CreateLeaseAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lease = NodeObjects.Lease(node.Name, node.Uid, options.LeaseDuration, now);
        var created = await client.CreateAsync(ResourcePath.Leases(NodeObjects.LeaseNamespace), lease, cancellationToken);
        if (created.IsNotFound)
        {
            // The apiserver creates kube-node-lease itself; a control plane that does not gets it from the first node.
            var ns = new KubeObject("v1", "Namespace", null, NodeObjects.LeaseNamespace);
            await client.CreateAsync(new ResourcePath("", "v1", "namespaces"), ns, cancellationToken);
            created = await client.CreateAsync(ResourcePath.Leases(NodeObjects.LeaseNamespace), lease, cancellationToken);
        }
        if (created.IsSuccess && created.Object is not null)
        {
            _lease = created.Object;
            return null;
        }
        return created.Error?.ToString();
    }
}
