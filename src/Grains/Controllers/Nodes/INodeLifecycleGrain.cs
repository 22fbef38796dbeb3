using GitOps.Grains.Controllers.Infrastructure;
using Orleans;
using Orleans.Runtime;

namespace GitOps.Grains.Controllers.Nodes;

/// <summary>
/// The node lifecycle controller: one grain (key <see cref="Key"/>) driven by its durable reminder every
/// <see cref="ControllerOptions.NodeMonitorPeriod"/>; see <see cref="NodeLifecycleDecision"/> for what it does.
/// </summary>
[Alias("GitOps.INodeLifecycleGrain")]
public interface INodeLifecycleGrain : IControllerGrain, IGrainWithStringKey
{
    public const string Key = "node-lifecycle";
}
