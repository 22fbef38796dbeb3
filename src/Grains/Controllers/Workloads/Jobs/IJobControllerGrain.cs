using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Runtime;

namespace GitOps.Grains.Controllers.Workloads.Jobs;

/// <summary>The Job controller for one Job, keyed <c>namespace/name</c> (see <see cref="WorkloadKeys"/>).</summary>
public interface IJobControllerGrain : IControllerGrain, IGrainWithStringKey;
