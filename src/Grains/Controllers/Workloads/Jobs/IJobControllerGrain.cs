using GitOps.Grains.Controllers.Infrastructure;
using Orleans;
using Orleans.Runtime;

namespace GitOps.Grains.Controllers.Workloads.Jobs;

/// <summary>The Job controller for one Job, keyed <c>namespace/name</c> (see <see cref="WorkloadKeys"/>).</summary>
[Alias("GitOps.IJobControllerGrain")]
public interface IJobControllerGrain : IControllerGrain, IGrainWithStringKey;
