using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Logging;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Nodes;

/// <summary>
/// Registers a node as a kubelet does: create it with its labels, taints and status; if it exists,
/// update the labels this agent owns and the status, leaving taints and spec to the control plane.
/// Retries with back-off until the API answers (the server may still be starting). The times it
/// writes (conditions' lastHeartbeatTime and lastTransitionTime) are the agent's clock's.
/// </summary>
public sealed class NodeRegistrar(KubeClient client, TimeProvider time, ILogger logger)
{
    private static readonly Backoff RetryBackoff = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));

    public async Task RegisterAsync(ManagedNode node, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var error = await TryRegisterAsync(node, cancellationToken);
            if (error is null)
            {
                AgentLog.NodeRegistered(logger, node.Name, node.Uid ?? "");
                return;
            }
            AgentLog.NodeRegistrationFailed(logger, node.Name, error);
            await Task.Delay(RetryBackoff.DelayFor(attempt), cancellationToken);
        }
    }

    /// <summary>One registration attempt (create, or update the existing node); null on success, else what went wrong.</summary>
    public async Task<string?> TryRegisterAsync(ManagedNode node, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var desired = NodeObjects.Node(node.Template, now);
        var nodeClient = client.ForNode(node.Name);
        var created = await nodeClient.CreateAsync(ResourcePath.Nodes(), desired, cancellationToken);
        KubeObject current;
        if (created.IsSuccess && created.Object is not null)
        {
            current = created.Object;
        }
        else if (created.IsAlreadyExists || created.IsConflict)
        {
            var labels = new JsonObject();
            foreach (var (key, value) in NodeObjects.Labels(node.Template))
                labels[key] = value;
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["labels"] = labels,
                    ["annotations"] = new JsonObject { [NodeObjects.RuntimeAnnotation] = node.Template.RuntimeName },
                },
            };
            var patched = await nodeClient.PatchAsync(ResourcePath.Node(node.Name), patch, PatchType.Merge, cancellationToken);
            if (!patched.IsSuccess || patched.Object is null)
                return $"updating the existing node's labels: {patched.Error}";
            current = patched.Object;
        }
        else
        {
            return $"creating the node: {created.Error}";
        }
        node.Uid = current.Metadata.Uid;
        if (current.Status?["capacity"] is JsonObject && !created.IsAlreadyExists && !created.IsConflict)
            return null;
        var status = await nodeClient.PatchStatusAsync(ResourcePath.Node(node.Name), new JsonObject { ["status"] = NodeObjects.Status(node.Template, now) }, cancellationToken);
        return status.IsSuccess ? null : $"writing the node's status: {status.Error}";
    }
}
