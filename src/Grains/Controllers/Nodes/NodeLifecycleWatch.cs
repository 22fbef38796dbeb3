using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Controllers.Nodes;

/// <summary>
/// Wakes the node lifecycle controller when nodes come or go; heartbeats (Lease renewals, status
/// updates) are not mapped: the controller looks at them on its own schedule, as Kubernetes' does.
/// </summary>
public sealed class NodeLifecycleWatch : IControllerWatch
{
    public static readonly ResourceType NodeType = new("", Node.Kind);
    public static readonly ResourceType LeaseType = new("coordination.k8s.io", Lease.Kind);

    /// <summary>The namespace of node heartbeat Leases (one per node, named after it).</summary>
    public const string NodeLeaseNamespace = "kube-node-lease";

    private static readonly ControllerTarget Controller = ControllerTarget.For<INodeLifecycleGrain>(INodeLifecycleGrain.Key);

    public IReadOnlyCollection<ResourceType> Types { get; } = [NodeType];

    public IReadOnlyCollection<ControllerTarget> StartupTargets { get; } = [Controller];

    public void Map(ChangeEvent change, ICollection<ControllerTarget> targets)
    {
        if (change.Key.Type == NodeType && change.Type != ChangeType.Modified)
            targets.Add(Controller);
    }
}
