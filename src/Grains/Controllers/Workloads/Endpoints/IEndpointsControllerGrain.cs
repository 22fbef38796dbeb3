using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Runtime;

namespace GitOps.Grains.Controllers.Workloads.Endpoints;

/// <summary>The Endpoints controller for one Service, keyed <c>namespace/name</c> of the Service (see <see cref="WorkloadKeys"/>).</summary>
public interface IEndpointsControllerGrain : IControllerGrain, IGrainWithStringKey;
