using GitOps.Grains.Controllers.Infrastructure;
using Orleans;
using Orleans.Runtime;

namespace GitOps.Grains.Controllers.Workloads.CronJobs;

/// <summary>The CronJob controller for one CronJob, keyed <c>namespace/name</c> (see <see cref="WorkloadKeys"/>).</summary>
[Alias("GitOps.ICronJobControllerGrain")]
public interface ICronJobControllerGrain : IControllerGrain, IGrainWithStringKey;
