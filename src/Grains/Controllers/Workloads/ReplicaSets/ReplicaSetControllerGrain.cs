using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Controllers.Workloads.Claims;
using GitOps.Grains.Controllers.Workloads.Pods;
using GitOps.Grains.Resources;
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

    protected override async Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        var key = WorkloadKeys.Parse(this.GetPrimaryKeyString(), ReplicaSetWatch.ReplicaSetType);
        if (await Store.GetAsync(key, cancellationToken) is not { } stored)
            return ReconcileResult.Gone();

        var replicaSet = new ReplicaSet(stored.DeepClone());
        var pods = await ListCandidatePodsAsync(replicaSet, cancellationToken);
        var now = time.GetUtcNow();
        var plan = ReplicaSetPlanner.Plan(replicaSet, pods, now, BurstReplicas);

        await AdoptAndReleaseAsync(replicaSet, plan, cancellationToken);
        var failure = await CreatePodsAsync(replicaSet, plan.CreateCount, cancellationToken);
        await DeletePodsAsync(replicaSet, plan.Delete, cancellationToken);

        if (ReplicaSetStatus.WithStatus(replicaSet, plan.Counts, failure, now) is { } withStatus)
        {
            var result = await ResourceGrain(key).UpdateStatusAsync(withStatus, cancellationToken);
            if (!result.Succeeded)
                WorkloadLog.WriteRaced(Logger, ReplicaSet.Kind, key.Namespace, key.Name, result.Outcome.ToString());
        }

        if (failure is not null)
            return ReconcileResult.Failure($"creating pods for ReplicaSet {key.Namespace}/{key.Name} failed: {failure}");
        var more = Math.Abs(plan.Counts.Replicas - replicaSet.Replicas) > BurstReplicas;
        return ReconcileResult.Success(more ? TimeSpan.Zero : plan.RequeueAfter);
    }

    private async Task<IReadOnlyList<KubeObject>> ListCandidatePodsAsync(ReplicaSet replicaSet, CancellationToken cancellationToken)
    {
        if (replicaSet.Selector is not { IsEmpty: false } selector)
            return [];
        return (await InformerAsync(ReplicaSetWatch.PodType, cancellationToken)).List(replicaSet.Namespace, selector);
    }

    private async Task AdoptAndReleaseAsync(ReplicaSet replicaSet, ReplicaSetPlan plan, CancellationToken cancellationToken)
    {
        var writes = plan.Adopt.Select(pod => ConflictRetry.UpdateAsync(PodGrain(pod), pod,
                current => current.Metadata.ControllerReference is null ? ControllerClaims.WithControllerReference(current, replicaSet.Object) : null,
                status: false, cancellationToken))
            .Concat(plan.Release.Select(pod => ConflictRetry.UpdateAsync(PodGrain(pod), pod,
                current => Ownership.IsControlledBy(current, replicaSet.Object) ? ControllerClaims.WithoutReferenceTo(current, replicaSet.Object) : null,
                status: false, cancellationToken)));
        await Task.WhenAll(writes);
    }

    /// <returns>The first failure's message; null when every pod was created.</returns>
    private async Task<string?> CreatePodsAsync(ReplicaSet replicaSet, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
            return null;
        var (created, failure) = await SlowStart.RunAsync(count, async _ =>
        {
            // A generated name can be taken (five random characters); a second draw settles it, as the API server retries.
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var pod = PodFactory.FromTemplate(replicaSet.Object, replicaSet.Template, PodFactory.NewName(replicaSet.Object));
                var result = await PodGrain(pod).CreateAsync(pod, cancellationToken);
                if (result.Succeeded)
                {
                    events.Record(Component, replicaSet.Object, EventType.Normal, "SuccessfulCreate", $"Created pod: {pod.Metadata.Name}");
                    return null;
                }
                if (result.Outcome != ResourceOutcome.AlreadyExists)
                    return $"{result.Outcome}: {result.Message}";
            }
            return "two generated pod names in a row were taken";
        });
        if (failure is not null)
        {
            WorkloadLog.CreatePodsFailed(Logger, replicaSet.Namespace, replicaSet.Name, failure);
            events.Record(Component, replicaSet.Object, EventType.Warning, "FailedCreate", $"Error creating: {failure}");
        }
        return created < count ? failure : null;
    }

    private async Task DeletePodsAsync(ReplicaSet replicaSet, IReadOnlyList<Pod> pods, CancellationToken cancellationToken)
    {
        if (pods.Count == 0)
            return;
        await SlowStart.RunAsync(pods.Count, async i =>
        {
            var pod = pods[i];
            var result = await PodGrain(pod.Object).DeleteAsync(new DeleteRequest(ExpectedUid: pod.Metadata.Uid), cancellationToken);
            if (result.Succeeded || result.Outcome == ResourceOutcome.NotFound)
            {
                if (result.Succeeded)
                    events.Record(Component, replicaSet.Object, EventType.Normal, "SuccessfulDelete", $"Deleted pod: {pod.Name}");
                return null;
            }
            WorkloadLog.WriteFailed(Logger, Pod.Kind, pod.Namespace, pod.Name, result.Outcome.ToString(), result.Message ?? "");
            // A failed delete is retried by the next reconcile; the other deletions still go ahead.
            return null;
        });
    }

    private IResourceGrain PodGrain(KubeObject pod) => ResourceGrain(ResourceKey.Of(pod));
}
