using GitOps.Grains.Controllers.Infrastructure;
using Orleans;
using Orleans.Runtime;

namespace GitOps.Grains.Controllers.Workloads.ReplicaSets;

/// <summary>The ReplicaSet controller for one ReplicaSet, keyed <c>namespace/name</c> (see <see cref="WorkloadKeys"/>).</summary>
[Alias("GitOps.IReplicaSetControllerGrain")]
public interface IReplicaSetControllerGrain : IControllerGrain, IGrainWithStringKey;
