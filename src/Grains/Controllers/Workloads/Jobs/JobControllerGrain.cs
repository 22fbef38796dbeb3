using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Controllers.Workloads.Pods;
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

    private PodControl? _pods;

    protected override async Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        var key = WorkloadKeys.Parse(this.GetPrimaryKeyString(), JobWatch.JobType);
        if (await Store.GetAsync(key, cancellationToken) is not { } job || string.IsNullOrEmpty(job.Metadata.Uid))
            return ReconcileResult.Gone();

        var selector = new LabelSelector([new LabelRequirement(JobSpec.ControllerUidLabel, SelectorOperator.Equals, [job.Metadata.Uid!])]);
        var pods = (await InformerAsync(JobWatch.PodType, cancellationToken)).List(key.Namespace, selector);
        var plan = JobPlanner.Plan(job, pods, time.GetUtcNow(), ReplicaSets.ReplicaSetControllerGrain.BurstReplicas);

        var createFailure = await Pods.CreateAsync(job, plan.CreateCount, _ => JobPlanner.NewPod(job), cancellationToken);
        var deleteFailure = await Pods.DeleteAsync(job, plan.Delete, cancellationToken);
        await Pods.WriteStatusAsync(job, plan.Status, cancellationToken);
        return (createFailure ?? deleteFailure) is { } failure
            ? ReconcileResult.Failure($"managing the pods of Job {key.Namespace}/{key.Name} failed: {failure}")
            : ReconcileResult.Success();
    }

    private PodControl Pods => _pods ??= new PodControl(GrainFactory, events, Logger, Component);
}
