using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Workloads.CronJobs;
using GitOps.Grains.Controllers.Workloads.Jobs;
using GitOps.Grains.Tests.Support;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.TestSupport;
using static GitOps.Grains.Tests.Workloads.CronJobObjects;

namespace GitOps.Grains.Tests.Workloads;

/// <summary>
/// The CronJob controller running in the grain runtime with the other controllers: each test moves the
/// clock to schedule times and states the Jobs created and deleted, the status and the Events.
/// </summary>
public sealed class CronJobControllerTests
{
    private const string Complete = JobPlanner.ConditionComplete;
    private const string Failed = JobPlanner.ConditionFailed;

    [Fact]
    public async Task Each_schedule_time_creates_one_owned_job_recorded_in_status()
    {
        await using var scenario = await CronJobScenario.StartAsync();
        await RunsEachScheduleTimeOnceAsync(scenario);
    }

    [Fact]
    public async Task Each_schedule_time_creates_one_owned_job_recorded_in_status_on_postgresql()
    {
        var database = await PostgresServer.CreateDatabaseAsync("cronjob");
        await using var scenario = await CronJobScenario.StartAsync(database);
        await RunsEachScheduleTimeOnceAsync(scenario);
    }

    [Fact]
    public async Task Forbid_skips_the_run_while_the_previous_one_is_active_and_starts_it_once_that_finished()
    {
        await using var scenario = await CronJobScenario.StartAsync();
        var cronJob = await scenario.Host.CreateAsync(Manifest(concurrencyPolicy: ConcurrencyPolicies.Forbid));
        var first = CronJobScenario.FirstMinuteAfter(cronJob);
        await scenario.AdvanceToAsync(first.AddSeconds(5));
        await scenario.EventuallyJobsAsync([JobName(first)], "the first run starts");

        await scenario.AdvanceToAsync(first.AddMinutes(1).AddSeconds(5));
        var skipped = await scenario.EventuallyEventsAsync("JobAlreadyActive");
        Assert.Equal(Event.TypeNormal, skipped[0].Type);
        Assert.Equal([JobName(first)], await scenario.JobNamesAsync());

        await scenario.FinishAsync(JobName(first), Complete);
        await scenario.EventuallyJobsAsync([JobName(first), JobName(first.AddMinutes(1))], "the skipped run starts once the first finished");
        await scenario.EventuallyEventsAsync("SawCompletedJob");
    }

    [Fact]
    public async Task Replace_deletes_the_running_job_and_its_pods_before_starting_the_next_run()
    {
        await using var scenario = await CronJobScenario.StartAsync();
        var cronJob = await scenario.Host.CreateAsync(Manifest(concurrencyPolicy: ConcurrencyPolicies.Replace));
        var first = CronJobScenario.FirstMinuteAfter(cronJob);
        await scenario.AdvanceToAsync(first.AddSeconds(5));
        await scenario.EventuallyJobsAsync([JobName(first)], "the first run starts");
        var firstJob = (await scenario.JobsAsync()).Single();
        await ControllerTestHost.EventuallyAsync(() => PodsOfAsync(scenario, firstJob), p => p.Count == 1, "the Job controller starts the first run's pod");

        await scenario.AdvanceToAsync(first.AddMinutes(1).AddSeconds(5));

        await scenario.EventuallyJobsAsync([JobName(first.AddMinutes(1))], "the second run replaces the first");
        Assert.Contains($"Deleted job {JobName(first)}", (await scenario.EventuallyEventsAsync("SuccessfulDelete")).Select(e => e.Message));
        await ControllerTestHost.EventuallyAsync(() => PodsOfAsync(scenario, firstJob), p => p.Count == 0, "the replaced Job's pod is deleted with it");
        var status = await ControllerTestHost.EventuallyAsync(() => scenario.CronJobAsync(),
            c => c.Status?.GetTime("lastScheduleTime") == first.AddMinutes(1), "status records the second run");
        Assert.Equal([JobName(first.AddMinutes(1))], status.Status!.GetObjects("active").Select(a => a.GetString("name")));
    }

    [Fact]
    public async Task Finished_jobs_beyond_the_history_limits_are_deleted_oldest_first()
    {
        await using var scenario = await CronJobScenario.StartAsync();
        var cronJob = await scenario.Host.CreateAsync(Manifest(successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 1));
        var first = CronJobScenario.FirstMinuteAfter(cronJob);
        var outcomes = new[] { Complete, Complete, Failed, Failed };
        var expected = new List<string>();
        for (var run = 0; run < outcomes.Length; run++)
        {
            var scheduled = first.AddMinutes(run);
            await scenario.AdvanceToAsync(scheduled.AddSeconds(5));
            expected.Add(JobName(scheduled));
            await scenario.EventuallyJobsAsync(expected, $"run {run + 1} starts");
            await scenario.FinishAsync(JobName(scheduled), outcomes[run]);
            if (run is 1 or 3)
                expected.RemoveAt(expected.Count - 2);
            await scenario.EventuallyJobsAsync(expected, $"only the newest finished Jobs of each outcome remain after run {run + 1}");
        }

        Assert.Equal([JobName(first.AddMinutes(1)), JobName(first.AddMinutes(3))], await scenario.JobNamesAsync());
        var cronJobNow = await ControllerTestHost.EventuallyAsync(() => scenario.CronJobAsync(),
            c => c.Status?.GetObjects("active").Any() == false && c.Status.GetTime("lastSuccessfulTime") is not null, "no run is active any more");
        Assert.Equal(first.AddMinutes(1).AddSeconds(5), cronJobNow.Status!.GetTime("lastSuccessfulTime"));
        await scenario.EventuallyEventsAsync("SuccessfulDelete", count: 2);
    }

    [Fact]
    public async Task A_suspended_cron_job_starts_no_run_and_resumes_with_the_latest_missed_one()
    {
        await using var scenario = await CronJobScenario.StartAsync();
        var cronJob = await scenario.Host.CreateAsync(Manifest());
        var first = CronJobScenario.FirstMinuteAfter(cronJob);
        await scenario.AdvanceToAsync(first.AddSeconds(5));
        await scenario.EventuallyJobsAsync([JobName(first)], "the first run starts");

        await scenario.UpdateSpecAsync(spec => spec.SetBool("suspend", true));
        scenario.Clock.Set(first.AddMinutes(3).AddSeconds(5));
        await scenario.FinishAsync(JobName(first), Complete);
        // The reconcile that saw the run finish was at a time when three more runs were due: none started.
        await ControllerTestHost.EventuallyAsync(() => scenario.CronJobAsync(),
            c => c.Status?.GetObjects("active").Any() == false, "the suspended CronJob sees its run finish");
        Assert.Equal([JobName(first)], await scenario.JobNamesAsync());

        await scenario.UpdateSpecAsync(spec => spec.SetBool("suspend", null));
        await scenario.EventuallyJobsAsync([JobName(first), JobName(first.AddMinutes(3))], "resuming starts only the latest missed run");
    }

    [Fact]
    public async Task An_invalid_schedule_creates_no_job_and_records_a_warning_naming_the_field_and_value()
    {
        await using var scenario = await CronJobScenario.StartAsync();
        var cronJob = await scenario.Host.CreateAsync(Manifest("61 * * * *"));
        await scenario.AdvanceToAsync(CronJobScenario.FirstMinuteAfter(cronJob).AddMinutes(5));

        var warning = Assert.Single(await scenario.EventuallyEventsAsync("InvalidSchedule"));

        Assert.Equal(Event.TypeWarning, warning.Type);
        Assert.Contains("minute \"61\": value 61 is out of range 0-59", warning.Message);
        Assert.Empty(await scenario.JobsAsync());
    }

    private static async Task RunsEachScheduleTimeOnceAsync(CronJobScenario scenario)
    {
        var cronJob = await scenario.Host.CreateAsync(Manifest());
        var first = CronJobScenario.FirstMinuteAfter(cronJob);
        var second = first.AddMinutes(1);

        await scenario.AdvanceToAsync(first.AddSeconds(5));
        await scenario.EventuallyJobsAsync([JobName(first)], "the first run starts");
        var job = (await scenario.JobsAsync()).Single();
        Assert.True(Ownership.IsControlledBy(job, cronJob), "the Job is controlled by its CronJob");
        Assert.Equal(JsonFields.FormatTime(first), job.Metadata.GetAnnotation(CronJobPlanner.ScheduledTimestampAnnotation));
        Assert.Equal(("backup", "data"), (job.Metadata.GetLabel("app"), job.Metadata.GetAnnotation("team")));
        var recorded = await ControllerTestHost.EventuallyAsync(() => scenario.CronJobAsync(),
            c => c.Status?.GetTime("lastScheduleTime") == first, "status records the first run");
        var active = ObjectReference.FromJson(Assert.Single(recorded.Status!.GetObjects("active")));
        Assert.Equal((job.Metadata.Name, job.Metadata.Uid), (active.Name, active.Uid));

        // Waking the controller again before the next schedule time starts nothing new.
        await scenario.AdvanceToAsync(first.AddSeconds(30));
        await scenario.AdvanceToAsync(first.AddSeconds(59));
        await scenario.AdvanceToAsync(second.AddSeconds(5));
        await scenario.EventuallyJobsAsync([JobName(first), JobName(second)], "the second run starts");

        var created = await scenario.EventuallyEventsAsync("SuccessfulCreate", count: 2);
        Assert.Equal([$"Created job {JobName(first)}", $"Created job {JobName(second)}"], created.Select(e => e.Message).Order());
        Assert.All(created, e => Assert.Equal(1, e.Count));
    }

    private static async Task<IReadOnlyList<KubeObject>> PodsOfAsync(CronJobScenario scenario, KubeObject job) =>
        (await scenario.Host.ListAsync("", Pod.Kind)).Where(p => Ownership.IsControlledBy(p, job)).ToArray();
}
