using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Controllers.Workloads.CronJobs;
using GitOps.Grains.Controllers.Workloads.Jobs;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using static GitOps.Grains.Tests.Workloads.CronJobObjects;

namespace GitOps.Grains.Tests.Workloads;

public sealed class CronJobPlannerTests
{
    private const string Complete = JobPlanner.ConditionComplete;
    private const string Failed = JobPlanner.ConditionFailed;

    private static IEnumerable<string> Names(IEnumerable<ChildJob> jobs) => jobs.Select(j => j.Name);

    private static IEnumerable<string> ActiveNames(CronJobPlan plan) => plan.Status.GetObjects("active").Select(a => a.GetString("name") ?? "");

    private static CronJobEvent Single(CronJobPlan plan, string reason) => Assert.Single(plan.Events, e => e.Reason == reason);

    [Fact]
    public void Nothing_runs_before_the_first_schedule_time_after_creation()
    {
        var plan = CronJobPlanner.Plan(CronJob(), [], At(10, 0, 50));

        Assert.Null(plan.Run);
        Assert.Equal(TimeSpan.FromSeconds(10.1), plan.RequeueAfter);
        Assert.Empty(plan.Events);
    }

    [Fact]
    public void The_first_run_creates_a_job_named_for_its_minute_from_the_template_and_owned_by_the_cron_job()
    {
        var cronJob = CronJob();

        var plan = CronJobPlanner.Plan(cronJob, [], At(10, 1, 5));

        var run = Assert.IsType<ScheduledRun>(plan.Run);
        Assert.Equal(At(10, 1), run.ScheduledTime);
        var job = run.Job;
        // 2025-06-02T10:01:00Z is minute 29147641 since the Unix epoch.
        Assert.Equal(("batch/v1", "Job", "default", "backup-29147641"), (job.ApiVersion, job.Kind, job.Metadata.Namespace, job.Metadata.Name));
        Assert.Equal("backup", job.Metadata.GetLabel("app"));
        Assert.Equal("data", job.Metadata.GetAnnotation("team"));
        Assert.Equal("2025-06-02T10:01:00Z", job.Metadata.GetAnnotation(CronJobPlanner.ScheduledTimestampAnnotation));
        Assert.Equal(new OwnerReference("batch/v1", "CronJob", "backup", "uid-backup", Controller: true, BlockOwnerDeletion: true), Assert.Single(job.Metadata.OwnerReferences));
        Assert.Equal(cronJob.Spec!.GetPath("jobTemplate", "spec")!.ToJsonString(), job.Spec!.ToJsonString());
        Assert.Empty(plan.Replace);
        Assert.Equal(TimeSpan.FromSeconds(55.1), plan.RequeueAfter);
    }

    [Fact]
    public void Recording_a_started_run_lists_the_job_as_active_and_sets_the_last_schedule_time()
    {
        var cronJob = CronJob();
        var job = Job(cronJob, At(10, 1));

        var status = CronJobPlanner.RecordStarted(CronJobPlanner.Plan(cronJob, [], At(10, 1, 5)).Status, job, At(10, 1));

        Assert.Equal(At(10, 1), status.GetTime("lastScheduleTime"));
        var active = Assert.Single(status.GetObjects("active"));
        Assert.Equal(new ObjectReference("Job", "default", JobName(At(10, 1)), $"uid-{JobName(At(10, 1))}", "batch/v1", "11"), ObjectReference.FromJson(active));
    }

    [Fact]
    public void A_run_whose_job_exists_is_not_created_again_even_when_the_status_write_was_lost()
    {
        var cronJob = CronJob();
        var existing = Job(cronJob, At(10, 1));

        var plan = CronJobPlanner.Plan(cronJob, [existing], At(10, 1, 40));

        Assert.Null(plan.Run);
        Assert.Equal(At(10, 1), plan.Status.GetTime("lastScheduleTime"));
        Assert.Equal([JobName(At(10, 1))], ActiveNames(plan));
    }

    [Fact]
    public void A_schedule_time_already_recorded_is_not_run_again()
    {
        var cronJob = WithActive(CronJob(), Job(CronJob(), At(10, 1)));

        var plan = CronJobPlanner.Plan(cronJob, [Job(cronJob, At(10, 1))], At(10, 1, 59));

        Assert.Null(plan.Run);
        Assert.Equal(TimeSpan.FromSeconds(1.1), plan.RequeueAfter);
    }

    [Fact]
    public void Missed_schedule_times_without_a_deadline_start_only_the_most_recent()
    {
        var cronJob = CronJob(lastScheduleTime: At(10, 0));

        var plan = CronJobPlanner.Plan(cronJob, [], At(10, 5, 30));

        Assert.Equal(At(10, 5), plan.Run?.ScheduledTime);
        Assert.Empty(plan.Events);
    }

    [Fact]
    public void More_than_a_hundred_missed_times_start_the_latest_with_a_warning()
    {
        var cronJob = CronJob(lastScheduleTime: At(10, 0).AddDays(-2));

        var plan = CronJobPlanner.Plan(cronJob, [], At(10, 0, 20));

        Assert.Equal(At(10, 0), plan.Run?.ScheduledTime);
        var warning = Single(plan, "TooManyMissedTimes");
        Assert.Equal(EventType.Warning, warning.Type);
        Assert.Contains("too many missed start times", warning.Message);
        Assert.Contains("startingDeadlineSeconds", warning.Message);
    }

    [Fact]
    public void A_run_within_the_starting_deadline_still_starts()
    {
        var cronJob = CronJob("*/5 * * * *", lastScheduleTime: At(10, 0), startingDeadlineSeconds: 60);

        var plan = CronJobPlanner.Plan(cronJob, [], At(10, 5, 30));

        Assert.Equal(At(10, 5), plan.Run?.ScheduledTime);
    }

    [Fact]
    public void A_run_later_than_the_starting_deadline_is_skipped_with_a_warning_until_the_next_time()
    {
        var cronJob = CronJob("*/5 * * * *", lastScheduleTime: At(10, 0), startingDeadlineSeconds: 60);

        var plan = CronJobPlanner.Plan(cronJob, [], At(10, 6, 30));

        Assert.Null(plan.Run);
        var warning = Single(plan, "MissSchedule");
        Assert.Equal(EventType.Warning, warning.Type);
        Assert.Contains("2025-06-02T10:05:00Z", warning.Message);
        Assert.Equal(TimeSpan.FromSeconds(210.1), plan.RequeueAfter);
        Assert.Equal(At(10, 10), CronJobPlanner.Plan(cronJob, [], At(10, 10, 1)).Run?.ScheduledTime);
    }

    [Fact]
    public void The_starting_deadline_bounds_how_many_missed_times_are_counted()
    {
        var cronJob = CronJob(lastScheduleTime: At(10, 0).AddDays(-2), startingDeadlineSeconds: 300);

        var plan = CronJobPlanner.Plan(cronJob, [], At(10, 0, 20));

        Assert.Equal(At(10, 0), plan.Run?.ScheduledTime);
        Assert.DoesNotContain(plan.Events, e => e.Reason == "TooManyMissedTimes");
    }

    [Fact]
    public void Forbid_skips_a_run_while_one_is_active_and_starts_it_late_once_that_one_finished()
    {
        var cronJob = CronJob(concurrencyPolicy: ConcurrencyPolicies.Forbid);
        var first = Job(cronJob, At(10, 1));
        cronJob = WithActive(cronJob, first);

        var skipped = CronJobPlanner.Plan(cronJob, [first], At(10, 2, 10));
        var late = CronJobPlanner.Plan(cronJob, [Job(cronJob, At(10, 1), Complete)], At(10, 2, 40));

        Assert.Null(skipped.Run);
        var skip = Single(skipped, "JobAlreadyActive");
        Assert.Equal(EventType.Normal, skip.Type);
        Assert.Equal([JobName(At(10, 1))], ActiveNames(skipped));
        Assert.Equal(At(10, 2), late.Run?.ScheduledTime);
        Assert.Contains($"Saw completed job: {JobName(At(10, 1))}, status: Complete", Single(late, "SawCompletedJob").Message);
        Assert.Empty(ActiveNames(late));
    }

    [Fact]
    public void Replace_deletes_the_active_runs_before_starting_the_new_one()
    {
        var cronJob = CronJob(concurrencyPolicy: ConcurrencyPolicies.Replace);
        var first = Job(cronJob, At(10, 1));
        cronJob = WithActive(cronJob, first);

        var plan = CronJobPlanner.Plan(cronJob, [first], At(10, 2, 10));

        Assert.Equal([JobName(At(10, 1))], Names(plan.Replace));
        Assert.Equal(At(10, 2), plan.Run?.ScheduledTime);
        Assert.Empty(ActiveNames(plan));
    }

    [Fact]
    public void Allow_starts_the_new_run_beside_the_active_one()
    {
        var cronJob = CronJob(concurrencyPolicy: ConcurrencyPolicies.Allow);
        var first = Job(cronJob, At(10, 1));
        cronJob = WithActive(cronJob, first);

        var plan = CronJobPlanner.Plan(cronJob, [first], At(10, 2, 10));
        var status = CronJobPlanner.RecordStarted(plan.Status, Job(cronJob, At(10, 2)), At(10, 2));

        Assert.Empty(plan.Replace);
        Assert.Equal(At(10, 2), plan.Run?.ScheduledTime);
        Assert.Equal([JobName(At(10, 1)), JobName(At(10, 2))], status.GetObjects("active").Select(a => a.GetString("name")));
    }

    [Fact]
    public void A_suspended_cron_job_starts_nothing_but_keeps_its_status_current()
    {
        var cronJob = CronJob(suspend: true);
        var first = Job(cronJob, At(10, 1), Complete);
        cronJob = WithActive(cronJob, Job(cronJob, At(10, 1)));

        var plan = CronJobPlanner.Plan(cronJob, [first], At(10, 5, 10));

        Assert.Null(plan.Run);
        Assert.Null(plan.RequeueAfter);
        Assert.Empty(ActiveNames(plan));
        Assert.Equal(At(10, 1, 30), plan.Status.GetTime("lastSuccessfulTime"));
        Single(plan, "SawCompletedJob");
    }

    [Fact]
    public void Finished_jobs_beyond_the_default_history_limits_are_deleted_oldest_first()
    {
        var cronJob = CronJob(lastScheduleTime: At(10, 9));
        var jobs = new[]
        {
            Job(cronJob, At(10, 1), Complete), Job(cronJob, At(10, 2), Failed), Job(cronJob, At(10, 3), Complete),
            Job(cronJob, At(10, 4), Complete), Job(cronJob, At(10, 5), Failed), Job(cronJob, At(10, 6), Complete),
            Job(cronJob, At(10, 7), Failed), Job(cronJob, At(10, 8), Complete), Job(cronJob, At(10, 9)),
        };

        var plan = CronJobPlanner.Plan(cronJob, jobs.Reverse(), At(10, 9, 30));

        Assert.Equal([JobName(At(10, 1)), JobName(At(10, 3)), JobName(At(10, 2)), JobName(At(10, 5))], Names(plan.Prune));
        Assert.Equal([JobName(At(10, 9))], ActiveNames(plan));
        Assert.Equal(At(10, 8, 30), plan.Status.GetTime("lastSuccessfulTime"));
    }

    [Fact]
    public void History_limits_of_zero_delete_every_finished_job()
    {
        var cronJob = CronJob(lastScheduleTime: At(10, 3), successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0);
        var jobs = new[] { Job(cronJob, At(10, 1), Complete), Job(cronJob, At(10, 2), Failed), Job(cronJob, At(10, 3)) };

        var plan = CronJobPlanner.Plan(cronJob, jobs, At(10, 3, 30));

        Assert.Equal([JobName(At(10, 1)), JobName(At(10, 2))], Names(plan.Prune));
    }

    [Fact]
    public void Jobs_the_cron_job_does_not_control_are_left_alone()
    {
        var cronJob = CronJob(concurrencyPolicy: ConcurrencyPolicies.Forbid, successfulJobsHistoryLimit: 0);
        var foreign = Job(cronJob, At(10, 0));
        foreign.Metadata.SetOwnerReferences([new OwnerReference("batch/v1", "CronJob", "backup", "uid-old-backup", Controller: true)]);
        var finishedForeign = Job(cronJob, At(9, 59), Complete);
        finishedForeign.Metadata.SetOwnerReferences([]);

        var plan = CronJobPlanner.Plan(cronJob, [foreign, finishedForeign], At(10, 1, 10));

        Assert.Equal(At(10, 1), plan.Run?.ScheduledTime);
        Assert.Empty(plan.Prune);
        Assert.Empty(ActiveNames(plan));
    }

    [Fact]
    public void An_active_job_that_disappeared_leaves_the_active_list_with_an_event()
    {
        var cronJob = WithActive(CronJob(), Job(CronJob(), At(10, 1)));

        var plan = CronJobPlanner.Plan(cronJob, [], At(10, 1, 30));

        Assert.Empty(ActiveNames(plan));
        Assert.Equal($"Active job went missing: {JobName(At(10, 1))}", Single(plan, "MissingJob").Message);
    }

    [Fact]
    public void An_invalid_schedule_creates_nothing_and_warns_naming_the_field_and_value()
    {
        var plan = CronJobPlanner.Plan(CronJob("61 * * * *"), [], At(10, 5));

        Assert.Null(plan.Run);
        Assert.Null(plan.RequeueAfter);
        var warning = Single(plan, "InvalidSchedule");
        Assert.Equal(EventType.Warning, warning.Type);
        Assert.Contains("minute \"61\": value 61 is out of range 0-59", warning.Message);
        Assert.Contains("spec.schedule", warning.Message);
        Assert.NotNull(warning.OnceKey);
    }

    [Fact]
    public void An_unknown_time_zone_creates_nothing_and_warns()
    {
        var plan = CronJobPlanner.Plan(CronJob(timeZone: "Mars/Olympus"), [], At(10, 5));

        Assert.Null(plan.Run);
        Assert.Contains("timeZone \"Mars/Olympus\"", Single(plan, "UnknownTimeZone").Message);
    }

    [Fact]
    public void An_unknown_concurrency_policy_creates_nothing_and_warns()
    {
        var plan = CronJobPlanner.Plan(CronJob(concurrencyPolicy: "Sometimes"), [], At(10, 5));

        Assert.Null(plan.Run);
        Assert.Contains("\"Sometimes\" is not one of Allow, Forbid, Replace", Single(plan, "InvalidConcurrencyPolicy").Message);
    }

    [Fact]
    public void The_scheduled_time_annotation_is_written_in_the_cron_jobs_time_zone()
    {
        var cronJob = CronJob("0 9 * * *", timeZone: "Europe/Berlin");

        var plan = CronJobPlanner.Plan(cronJob, [], new DateTimeOffset(2025, 6, 3, 7, 0, 10, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2025, 6, 3, 7, 0, 0, TimeSpan.Zero), plan.Run?.ScheduledTime);
        Assert.Equal("2025-06-03T09:00:00+02:00", plan.Run!.Job.Metadata.GetAnnotation(CronJobPlanner.ScheduledTimestampAnnotation));
    }

    [Fact]
    public void A_cron_job_being_deleted_starts_nothing()
    {
        var cronJob = CronJob();
        cronJob.Metadata.DeletionTimestamp = At(10, 0, 40);

        var plan = CronJobPlanner.Plan(cronJob, [], At(10, 3));

        Assert.Null(plan.Run);
    }
}
