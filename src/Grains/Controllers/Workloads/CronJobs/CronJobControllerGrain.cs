using System.Text.Json.Nodes;
using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Resources;
using GitOps.Model.Json;
using GitOps.Model.Objects;
using GitOps.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Controllers.Workloads.CronJobs;

/// <summary>
/// Runs one CronJob's schedule (see <see cref="CronJobPlanner"/>): re-reads the CronJob and the Jobs of its
/// namespace on every reconcile, deletes and creates Jobs, records Events, writes status separately, and
/// requeues itself for the next schedule time. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class CronJobControllerGrain(
    IResourceStore store,
    IEventRecorder events,
    TimeProvider time,
    IOptions<ControllerOptions> options,
    ControllerMetrics metrics,
    ILogger<CronJobControllerGrain> logger) : ControllerGrain(store, options.Value, metrics, logger), ICronJobControllerGrain
{
    public const string Component = "cronjob-controller";

    private const string BackgroundPropagation = "Background";

    /// <summary>Keys of the state-describing events the last reconcile reported (see <see cref="CronJobEvent.OnceKey"/>).</summary>
    private HashSet<string> _reported = new(StringComparer.Ordinal);

    private DependentDeletion? _deletion;

    protected override async Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        var key = WorkloadKeys.Parse(this.GetPrimaryKeyString(), CronJobWatch.CronJobType);
        if (await Store.GetAsync(key, cancellationToken) is not { } cronJob || string.IsNullOrEmpty(cronJob.Metadata.Uid))
            return ReconcileResult.Gone();

        var jobs = (await InformerAsync(CronJobWatch.JobType, cancellationToken)).List(key.Namespace);
        var plan = CronJobPlanner.Plan(cronJob, jobs, time.GetUtcNow());
        var toReport = plan.Events.ToList();

        string? failure = null;
        foreach (var job in plan.Replace)
        {
            // A run that replaces others starts only once they are all gone.
            if (failure is null)
                failure = await DeleteAsync(cronJob, job, cancellationToken);
        }
        var status = plan.Status;
        if (failure is null && plan.Run is { } run)
            (status, failure) = await StartAsync(cronJob, run, status, toReport, cancellationToken);
        foreach (var job in plan.Prune)
        {
            if (await DeleteAsync(cronJob, job, cancellationToken) is { } pruneFailure)
                failure ??= pruneFailure;
        }
        Report(cronJob, toReport);
        await WriteStatusAsync(key, cronJob, status, cancellationToken);

        return failure is null
            ? ReconcileResult.Success(plan.RequeueAfter)
            : ReconcileResult.Failure($"CronJob {key.Namespace}/{key.Name}: {failure}");
    }

    private async Task<(JsonObject Status, string? Failure)> StartAsync(
        KubeObject cronJob, ScheduledRun run, JsonObject status, List<CronJobEvent> toReport, CancellationToken cancellationToken)
    {
        var name = run.Job.Metadata.Name ?? "";
        var result = await ResourceGrain(ResourceKey.Of(run.Job)).CreateAsync(run.Job, cancellationToken);
        switch (result.Outcome)
        {
            case ResourceOutcome.Created:
                events.Record(Component, cronJob, EventType.Normal, "SuccessfulCreate", $"Created job {name}");
                return (CronJobPlanner.RecordStarted(status, result.Object!, run.ScheduledTime), null);
            case ResourceOutcome.AlreadyExists when result.Object is { } existing && Ownership.IsControlledBy(existing, cronJob):
                // The name is deterministic per schedule time: an existing Job of ours is this very run.
                CronJobLog.RunAlreadyStarted(Logger, cronJob.Metadata.Namespace ?? "", cronJob.Metadata.Name ?? "", name, run.ScheduledTime);
                return (CronJobPlanner.RecordStarted(status, existing, run.ScheduledTime), null);
            case ResourceOutcome.AlreadyExists:
                var message = $"Job {name} already exists and is not controlled by this CronJob; delete or rename it so the run at {JsonFields.FormatTime(run.ScheduledTime)} can start";
                toReport.Add(new CronJobEvent(EventType.Warning, "FailedCreate", message, message));
                return (status, null);
            default:
                CronJobLog.JobWriteFailed(Logger, cronJob.Metadata.Namespace ?? "", cronJob.Metadata.Name ?? "", "creating", name, result.Outcome.ToString(), result.Message ?? "");
                events.Record(Component, cronJob, EventType.Warning, "FailedCreate", $"Error creating job {name}: {result.Outcome}: {result.Message}");
                return (status, $"creating Job {name} failed: {result.Outcome}: {result.Message}");
        }
    }

    /// <summary>Deletes a Job with background propagation (its pods follow through the garbage collector); null, or why it failed.</summary>
    private Task<string?> DeleteAsync(KubeObject cronJob, ChildJob job, CancellationToken cancellationToken) =>
        Deletion.DeleteAsync(cronJob, job.Object, new DeleteRequest(PropagationPolicy: BackgroundPropagation, ExpectedUid: job.Uid), cancellationToken);

    private DependentDeletion Deletion => _deletion ??= new DependentDeletion(GrainFactory, events, Logger, Component);

    private async Task WriteStatusAsync(ResourceKey key, KubeObject cronJob, JsonObject status, CancellationToken cancellationToken)
    {
        var result = await OwnerStatus.WriteAsync(ResourceGrain(key), cronJob, status, cancellationToken);
        if (!result.Succeeded)
            WorkloadLog.WriteRaced(Logger, CronJobWatch.CronJobKind, key.Namespace, key.Name, result.Outcome.ToString());
    }

    /// <summary>Records the events, each state-describing one only when the previous reconcile did not report it.</summary>
    private void Report(KubeObject cronJob, IEnumerable<CronJobEvent> toReport)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in toReport)
        {
            if (e.OnceKey is { } onceKey && (!reported.Add(onceKey) || _reported.Contains(onceKey)))
                continue;
            events.Record(Component, cronJob, e.Type, e.Reason, e.Message);
        }
        _reported = reported;
    }
}
