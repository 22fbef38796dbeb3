using System.Text.Json.Nodes;
using GitOps.Grains.Controllers.Workloads.CronJobs.Schedules;
using GitOps.Model.Json;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.CronJobs;

/// <summary>The fields of a batch/v1 CronJob the controller reads, with Kubernetes' defaults.</summary>
public sealed class CronJobSpec(KubeObject cronJob)
{
    public const int DefaultSuccessfulJobsHistoryLimit = 3;
    public const int DefaultFailedJobsHistoryLimit = 1;

    private JsonObject Spec => cronJob.Spec ?? [];

    public string Schedule => Spec.GetString("schedule") ?? "";

    /// <summary>The IANA time zone the schedule is read in; null means UTC.</summary>
    public string? TimeZone => Spec.GetString("timeZone");

    /// <summary>How late (seconds) a run may still start; null: however late.</summary>
    public long? StartingDeadlineSeconds => Spec.GetLong("startingDeadlineSeconds");

    public string ConcurrencyPolicy => Spec.GetString("concurrencyPolicy") ?? ConcurrencyPolicies.Allow;

    public bool Suspend => Spec.GetBool("suspend") ?? false;

    public int SuccessfulJobsHistoryLimit => Math.Max(0, Spec.GetInt("successfulJobsHistoryLimit") ?? DefaultSuccessfulJobsHistoryLimit);

    public int FailedJobsHistoryLimit => Math.Max(0, Spec.GetInt("failedJobsHistoryLimit") ?? DefaultFailedJobsHistoryLimit);

    /// <summary>spec.jobTemplate: the metadata (labels, annotations) and spec of each Job.</summary>
    public JsonObject JobTemplate => Spec.GetObject("jobTemplate") ?? [];

    public CronParseResult ParseSchedule() => CronParser.Parse(Schedule, TimeZone);
}
