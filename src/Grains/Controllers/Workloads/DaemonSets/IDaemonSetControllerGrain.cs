using GitOps.Grains.Controllers.Infrastructure;
using Orleans;
using Orleans.Runtime;

namespace GitOps.Grains.Controllers.Workloads.DaemonSets;

/// <summary>The DaemonSet controller for one DaemonSet, keyed <c>namespace/name</c> (see <see cref="WorkloadKeys"/>).</summary>
[Alias("GitOps.IDaemonSetControllerGrain")]
public interface IDaemonSetControllerGrain : IControllerGrain, IGrainWithStringKey;
