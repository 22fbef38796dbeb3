using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Runtime;

namespace GitOps.Grains.Controllers.Workloads.ReplicaSets;

/// <summary>The ReplicaSet controller for one ReplicaSet, keyed <c>namespace/name</c> (see <see cref="WorkloadKeys"/>).</summary>
public interface IReplicaSetControllerGrain : IControllerGrain, IGrainWithStringKey;
