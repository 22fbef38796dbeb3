using System.Text.Json.Nodes;
using GitOps.Grains.Controllers.Workloads.CronJobs;
using GitOps.Grains.Controllers.Workloads.Jobs;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Tests.Workloads;

/// <summary>CronJobs and the Jobs they own, shaped as the store holds them, for the CronJob tests.</summary>
internal static class CronJobObjects
{
    public const string Name = "backup";

    /// <summary>When the planner tests' CronJob was created: half a minute past 10:00 UTC on Monday 2 June 2025.</summary>
    public static readonly DateTimeOffset Created = new(2025, 6, 2, 10, 0, 30, TimeSpan.Zero);

    public static DateTimeOffset At(int hour, int minute, int second = 0) => new(2025, 6, 2, hour, minute, second, TimeSpan.Zero);

    /// <summary>A CronJob as a user writes it (no uid or creationTimestamp: the resource grain assigns them).</summary>
    public static KubeObject Manifest(
        string schedule = "* * * * *", string name = Name, string? concurrencyPolicy = null, bool suspend = false,
        long? startingDeadlineSeconds = null, int? successfulJobsHistoryLimit = null, int? failedJobsHistoryLimit = null,
        string? timeZone = null)
    {
        var cronJob = KubeObject.FromJson($$"""
            {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"{{name}}","namespace":"default"},
             "spec":{"schedule":"{{schedule}}",
               "jobTemplate":{"metadata":{"labels":{"app":"backup"},"annotations":{"team":"data"} },
                 "spec":{"backoffLimit":2,"template":{"metadata":{"labels":{"app":"backup"} },
                   "spec":{"restartPolicy":"OnFailure","containers":[{"name":"main","image":"backup:1"}] } } } } } }
            """);
        var spec = cronJob.Spec!;
        spec.SetString("concurrencyPolicy", concurrencyPolicy);
        spec.SetBool("suspend", suspend ? true : null);
        spec.SetLong("startingDeadlineSeconds", startingDeadlineSeconds);
        spec.SetInt("successfulJobsHistoryLimit", successfulJobsHistoryLimit);
        spec.SetInt("failedJobsHistoryLimit", failedJobsHistoryLimit);
        spec.SetString("timeZone", timeZone);
        return cronJob;
    }

    /// <summary>A stored CronJob, created at <see cref="Created"/> unless told otherwise.</summary>
    public static KubeObject CronJob(
        string schedule = "* * * * *", DateTimeOffset? created = null, DateTimeOffset? lastScheduleTime = null,
        string? concurrencyPolicy = null, bool suspend = false, long? startingDeadlineSeconds = null,
        int? successfulJobsHistoryLimit = null, int? failedJobsHistoryLimit = null, string? timeZone = null)
    {
        var cronJob = Manifest(schedule, Name, concurrencyPolicy, suspend, startingDeadlineSeconds, successfulJobsHistoryLimit, failedJobsHistoryLimit, timeZone);
        cronJob.Metadata.Uid = "uid-backup";
        cronJob.Metadata.ResourceVersion = "7";
        cronJob.Metadata.CreationTimestamp = created ?? Created;
        if (lastScheduleTime is { } last)
            cronJob.EnsureStatus().SetTime("lastScheduleTime", last);
        return cronJob;
    }

    /// <summary>The Job the CronJob made for <paramref name="scheduled"/>, running or finished ("Complete" or "Failed").</summary>
    public static KubeObject Job(KubeObject cronJob, DateTimeOffset scheduled, string? finished = null)
    {
        var job = CronJobPlanner.NewJob(cronJob, scheduled, TimeZoneInfo.Utc);
        job.Metadata.Uid = $"uid-{job.Metadata.Name}";
        job.Metadata.ResourceVersion = "11";
        job.Metadata.CreationTimestamp = scheduled.AddSeconds(1);
        var status = job.EnsureStatus();
        status.SetTime("startTime", scheduled.AddSeconds(1));
        if (finished is not null)
        {
            var done = scheduled.AddSeconds(30);
            Conditions.Set(status, new Condition(finished, ConditionStatus.True), done);
            if (finished == JobPlanner.ConditionComplete)
                status.SetTime("completionTime", done);
        }
        return job;
    }

    /// <summary>The CronJob with status.active listing <paramref name="jobs"/>, as the controller wrote it.</summary>
    public static KubeObject WithActive(KubeObject cronJob, params KubeObject[] jobs)
    {
        var status = cronJob.EnsureStatus();
        foreach (var job in jobs)
            status = CronJobPlanner.RecordStarted(status, Running(job), job.Metadata.CreationTimestamp!.Value.AddSeconds(-1));
        cronJob.Status = status;
        return cronJob;
    }

    public static string JobName(DateTimeOffset scheduled) => $"{Name}-{scheduled.ToUnixTimeSeconds() / 60}";

    private static KubeObject Running(KubeObject job)
    {
        var copy = job.DeepClone();
        copy.Status = new JsonObject();
        return copy;
    }
}
