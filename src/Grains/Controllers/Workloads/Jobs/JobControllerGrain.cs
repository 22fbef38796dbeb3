using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Resources;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Model.Selectors;
using GitOps.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Controllers.Workloads.Jobs;

/// <summary>
/// Runs one Job's pods to completion (see <see cref="JobPlanner"/>): re-reads the Job and the pods
/// labelled with its uid on every reconcile, creates and deletes pods, and writes status separately.
/// </summary>
internal sealed class JobControllerGrain(
    IResourceStore store,
    IEventRecorder events,
    TimeProvider time,
    IOptions<ControllerOptions> options,
    ControllerMetrics metrics,
    ILogger<JobControllerGrain> logger) : ControllerGrain(store, options.Value, metrics, logger), IJobControllerGrain
{
    public const string Component = "job-controller";

    protected override async Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        var key = WorkloadKeys.Parse(this.GetPrimaryKeyString(), JobWatch.JobType);
        if (await Store.GetAsync(key, cancellationToken) is not { } job || string.IsNullOrEmpty(job.Metadata.Uid))
            return ReconcileResult.Gone();

        var selector = new LabelSelector([new LabelRequirement(JobSpec.ControllerUidLabel, SelectorOperator.Equals, [job.Metadata.Uid!])]);
        var pods = (await InformerAsync(JobWatch.PodType, cancellationToken)).List(key.Namespace, selector);
        var plan = JobPlanner.Plan(job, pods, time.GetUtcNow(), ReplicaSets.ReplicaSetControllerGrain.BurstReplicas);

        var (_, failure) = await SlowStart.RunAsync(plan.CreateCount, async _ =>
        {
            var pod = JobPlanner.NewPod(job);
            var result = await ResourceGrain(ResourceKey.Of(pod)).CreateAsync(pod, cancellationToken);
            if (!result.Succeeded)
                return $"{result.Outcome}: {result.Message}";
            events.Record(Component, job, EventType.Normal, "SuccessfulCreate", $"Created pod: {pod.Metadata.Name}");
            return null;
        });
        foreach (var pod in plan.Delete)
            await ResourceGrain(ResourceKey.Of(pod.Object)).DeleteAsync(new DeleteRequest(ExpectedUid: pod.Metadata.Uid), cancellationToken);
        if (failure is not null)
            events.Record(Component, job, EventType.Warning, "FailedCreate", $"Error creating: {failure}");

        if (plan.Status.ToJsonString() != (job.Status?.ToJsonString() ?? "{}"))
        {
            var next = job.DeepClone();
            next.Status = plan.Status;
            var result = await ResourceGrain(key).UpdateStatusAsync(next, cancellationToken);
            if (!result.Succeeded)
                WorkloadLog.WriteRaced(Logger, JobWatch.JobKind, key.Namespace, key.Name, result.Outcome.ToString());
        }
        return failure is null
            ? ReconcileResult.Success()
            : ReconcileResult.Failure($"creating pods for Job {key.Namespace}/{key.Name} failed: {failure}");
    }
}
