using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Runtime;

namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>The Deployment controller for one Deployment, keyed <c>namespace/name</c> (see <see cref="WorkloadKeys"/>).</summary>
public interface IDeploymentControllerGrain : IControllerGrain, IGrainWithStringKey;
