using GitOps.Grains.Controllers.Infrastructure;
using Orleans;
using Orleans.Runtime;

namespace GitOps.Grains.Controllers.Workloads.Endpoints;

/// <summary>The Endpoints controller for one Service, keyed <c>namespace/name</c> of the Service (see <see cref="WorkloadKeys"/>).</summary>
[Alias("GitOps.IEndpointsControllerGrain")]
public interface IEndpointsControllerGrain : IControllerGrain, IGrainWithStringKey;
