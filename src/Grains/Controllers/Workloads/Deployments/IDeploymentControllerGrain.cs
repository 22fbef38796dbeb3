using GitOps.Grains.Controllers.Infrastructure;
using Orleans;
using Orleans.Runtime;

namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>The Deployment controller for one Deployment, keyed <c>namespace/name</c> (see <see cref="WorkloadKeys"/>).</summary>
[Alias("GitOps.IDeploymentControllerGrain")]
public interface IDeploymentControllerGrain : IControllerGrain, IGrainWithStringKey;
