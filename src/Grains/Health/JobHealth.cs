using GitOps.Model.Objects;
using static GitOps.Grains.Health.StatusFields;

namespace GitOps.Grains.Health;

/// <summary>Health of batch/v1 Jobs (from their Complete/Failed/Suspended conditions) and CronJobs.</summary>
internal static class JobHealth
{
    public static HealthStatus Job(KubeObject job)
    {
        var status = job.Status;
        var failed = Condition(status, "Failed");
        var complete = Condition(status, "Complete");
        var suspended = Condition(status, "Suspended");
        if (failed is { Status: "True" })
            return HealthStatus.Degraded(failed.Message);
        if (complete is { Status: "True" })
            return HealthStatus.Healthy(complete.Message);
        if (suspended is { Status: "True" })
            return HealthStatus.Suspended(suspended.Message);
        return HealthStatus.Progressing(complete?.Message ?? "");
    }

    public static HealthStatus CronJob(KubeObject cronJob) =>
        Bool(cronJob.Spec, "suspend")
            ? HealthStatus.Suspended("CronJob is suspended")
            : HealthStatus.Healthy();
}
