using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Controllers.Workloads.Pods;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Controllers.Workloads.ReplicaSets;

/// <summary>
/// Keeps one ReplicaSet's pods at spec.replicas (see <see cref="ReplicaSetPlanner"/>): re-reads the
/// ReplicaSet and the pods its selector matches on every reconcile, adopts and releases, creates pods in
/// slow-start batches and deletes the least valuable first, then writes status.
/// </summary>
internal sealed class ReplicaSetControllerGrain(
    IResourceStore store,
    IEventRecorder events,
    TimeProvider time,
    IOptions<ControllerOptions> options,
    ControllerMetrics metrics,
    ILogger<ReplicaSetControllerGrain> logger) : ControllerGrain(store, options.Value, metrics, logger), IReplicaSetControllerGrain
{
    public const string Component = "replicaset-controller";

    /// <summary>Most pods created or deleted per reconcile (Kubernetes' default burstReplicas).</summary>
    public const int BurstReplicas = 500;

    private PodControl? _pods;

    protected override async Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        var key = WorkloadKeys.Parse(this.GetPrimaryKeyString(), ReplicaSetWatch.ReplicaSetType);
        if (await Store.GetAsync(key, cancellationToken) is not { } stored)
            return ReconcileResult.Gone();

        var replicaSet = new ReplicaSet(stored.DeepClone());
        var pods = await ListCandidatePodsAsync(replicaSet, cancellationToken);
        var now = time.GetUtcNow();
        var plan = ReplicaSetPlanner.Plan(replicaSet, pods, now, BurstReplicas);

        var claimFailure = await Pods.AdoptAndReleaseAsync(stored, plan.Adopt, plan.Release, cancellationToken);
        var createFailure = await Pods.CreateAsync(stored, plan.CreateCount,
            _ => PodFactory.FromTemplate(stored, replicaSet.Template, PodFactory.NewName(stored)), cancellationToken);
        var deleteFailure = await Pods.DeleteAsync(stored, plan.Delete, cancellationToken);
        await Pods.WriteStatusAsync(stored, ReplicaSetStatus.Build(replicaSet, plan.Counts, createFailure, now), cancellationToken);

        if ((createFailure ?? deleteFailure ?? claimFailure) is { } failure)
            return ReconcileResult.Failure($"managing the pods of ReplicaSet {key.Namespace}/{key.Name} failed: {failure}");
        var more = Math.Abs(plan.Counts.Replicas - replicaSet.Replicas) > BurstReplicas;
        return ReconcileResult.Success(more ? TimeSpan.Zero : plan.RequeueAfter);
    }

    private async Task<IReadOnlyList<KubeObject>> ListCandidatePodsAsync(ReplicaSet replicaSet, CancellationToken cancellationToken)
    {
        if (replicaSet.Selector is not { IsEmpty: false } selector)
            return [];
        return (await InformerAsync(ReplicaSetWatch.PodType, cancellationToken)).List(replicaSet.Namespace, selector);
    }

    private PodControl Pods => _pods ??= new PodControl(GrainFactory, events, Logger, Component);
}
