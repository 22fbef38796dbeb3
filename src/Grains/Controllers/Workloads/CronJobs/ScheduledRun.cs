using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.CronJobs;

/// <summary>A run to start now: the Job to create for the schedule time <see cref="ScheduledTime"/>.</summary>
public sealed record ScheduledRun(DateTimeOffset ScheduledTime, KubeObject Job);
