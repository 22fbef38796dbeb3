using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Runtime;

namespace GitOps.Grains.Controllers.Workloads.CronJobs;

/// <summary>The CronJob controller for one CronJob, keyed <c>namespace/name</c> (see <see cref="WorkloadKeys"/>).</summary>
public interface ICronJobControllerGrain : IControllerGrain, IGrainWithStringKey;
