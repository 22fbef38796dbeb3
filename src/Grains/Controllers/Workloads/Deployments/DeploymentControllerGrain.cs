using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Controllers.Workloads.Claims;
using GitOps.Grains.Resources;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>
/// Rolls one Deployment out (see <see cref="DeploymentPlanner"/>): re-reads the Deployment, its
/// ReplicaSets and (for Recreate) its pods on every reconcile, executes the planned actions on the
/// ReplicaSets, and writes the Deployment's status separately. Of the Deployment itself it only ever
/// writes the revision annotation and status: its spec is Git's.
/// </summary>
internal sealed class DeploymentControllerGrain(
    IResourceStore store,
    IEventRecorder events,
    TimeProvider time,
    IOptions<ControllerOptions> options,
    ControllerMetrics metrics,
    ILogger<DeploymentControllerGrain> logger) : ControllerGrain(store, options.Value, metrics, logger), IDeploymentControllerGrain
{
    public const string Component = "deployment-controller";

    protected override async Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        var key = WorkloadKeys.Parse(this.GetPrimaryKeyString(), DeploymentWatch.DeploymentType);
        if (await Store.GetAsync(key, cancellationToken) is not { } deployment)
            return ReconcileResult.Gone();

        var view = new Deployment(deployment.DeepClone());
        var replicaSets = await ListAsync(DeploymentWatch.ReplicaSetType, view, cancellationToken);
        var pods = view.StrategyType == Deployment.StrategyRecreate ? await ListAsync(DeploymentWatch.PodType, view, cancellationToken) : [];
        var plan = DeploymentPlanner.Plan(new DeploymentSnapshot(deployment, replicaSets, pods), time.GetUtcNow());

        var byName = replicaSets.ToDictionary(rs => rs.Metadata.Name ?? "", StringComparer.Ordinal);
        var latest = deployment;
        foreach (var action in plan.Actions)
        {
            var outcome = await ExecuteAsync(action, deployment, latest, byName, cancellationToken);
            if (outcome.Stop is { } stop)
                return stop;
            latest = outcome.Deployment ?? latest;
        }
        foreach (var e in plan.Events)
            events.Record(Component, deployment, e.Warning ? EventType.Warning : EventType.Normal, e.Reason, e.Message);

        if (plan.StatusUpdate is { } withStatus)
        {
            // Written on the version this reconcile read (or just wrote): a newer spec must not be
            // reported as observed; a conflict means a change whose notification brings us back.
            var next = latest.DeepClone();
            next.Status = withStatus.Status?.DeepClone() as System.Text.Json.Nodes.JsonObject;
            var result = await ResourceGrain(key).UpdateStatusAsync(next, cancellationToken);
            if (!result.Succeeded)
                WorkloadLog.WriteRaced(Logger, Deployment.Kind, key.Namespace, key.Name, result.Outcome.ToString());
        }
        return ReconcileResult.Success(plan.RequeueAfter);
    }

    private async Task<IReadOnlyList<KubeObject>> ListAsync(ResourceType type, Deployment deployment, CancellationToken cancellationToken)
    {
        if (deployment.Selector is not { IsEmpty: false } selector)
            return [];
        return (await InformerAsync(type, cancellationToken)).List(deployment.Namespace, selector);
    }

    private async Task<(ReconcileResult? Stop, KubeObject? Deployment)> ExecuteAsync(
        DeploymentAction action, KubeObject deployment, KubeObject latest, IReadOnlyDictionary<string, KubeObject> replicaSets, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case AdoptReplicaSet adopt:
                var adopted = replicaSets[adopt.Name];
                LogFailure(adopted, await ControllerReferences.AdoptAsync(ResourceGrain(ResourceKey.Of(adopted)), adopted, deployment, cancellationToken));
                return (null, null);
            case ReleaseReplicaSet release:
                var released = replicaSets[release.Name];
                LogFailure(released, await ControllerReferences.ReleaseAsync(ResourceGrain(ResourceKey.Of(released)), released, deployment, cancellationToken));
                return (null, null);
            case CreateReplicaSet create:
                return (await CreateReplicaSetAsync(create, latest, cancellationToken), null);
            case ScaleReplicaSet scale:
                await UpdateReplicaSetAsync(replicaSets[scale.Name], rs => Changed(rs, r => r.Replicas = scale.To, r => r.Replicas != scale.To), cancellationToken);
                return (null, null);
            case SetReplicaSetRevision revision:
                var text = DeploymentAnnotations.Format(revision.Revision);
                await UpdateReplicaSetAsync(replicaSets[revision.Name],
                    rs => Changed(rs, r => r.Metadata.SetAnnotation(DeploymentAnnotations.Revision, text), r => r.Metadata.GetAnnotation(DeploymentAnnotations.Revision) != text),
                    cancellationToken);
                return (null, null);
            case DeleteReplicaSet delete:
                var target = replicaSets[delete.Name];
                await ResourceGrain(ResourceKey.Of(target)).DeleteAsync(new DeleteRequest(ExpectedUid: target.Metadata.Uid), cancellationToken);
                return (null, null);
            case SetDeploymentRevision deploymentRevision:
                var value = DeploymentAnnotations.Format(deploymentRevision.Revision);
                var result = await ConflictRetry.UpdateAsync(ResourceGrain(ResourceKey.Of(latest)), latest, d =>
                {
                    if (d.Metadata.GetAnnotation(DeploymentAnnotations.Revision) == value)
                        return null;
                    var copy = d.DeepClone();
                    copy.Metadata.SetAnnotation(DeploymentAnnotations.Revision, value);
                    return copy;
                }, status: false, cancellationToken);
                return (null, result.Succeeded && result.Object?.Metadata.Generation == deployment.Metadata.Generation ? result.Object : null);
            default:
                throw new InvalidOperationException($"Unknown deployment action {action}.");
        }
    }

    /// <summary>Creates the new ReplicaSet; on a name taken by another template or owner, bumps collisionCount and looks again.</summary>
    private async Task<ReconcileResult?> CreateReplicaSetAsync(CreateReplicaSet create, KubeObject deployment, CancellationToken cancellationToken)
    {
        var result = await ResourceGrain(ResourceKey.Of(create.ReplicaSet)).CreateAsync(create.ReplicaSet, cancellationToken);
        if (result.Succeeded)
            return null;
        if (result.Outcome == ResourceOutcome.AlreadyExists && result.Object is { } existing && !DeploymentPlanner.IsHashCollision(deployment, existing))
            return ReconcileResult.Success(TimeSpan.Zero);
        if (result.Outcome != ResourceOutcome.AlreadyExists)
            return ReconcileResult.Failure($"creating ReplicaSet {create.Name} failed: {result.Outcome} {result.Message}");

        var bumped = new Deployment(deployment.DeepClone());
        bumped.CollisionCount = (bumped.CollisionCount ?? 0) + 1;
        WorkloadLog.HashCollision(Logger, bumped.Namespace, bumped.Name, create.Name, bumped.CollisionCount.Value);
        await ResourceGrain(ResourceKey.Of(deployment)).UpdateStatusAsync(bumped.Object, cancellationToken);
        return ReconcileResult.Success(TimeSpan.Zero);
    }

    private async Task UpdateReplicaSetAsync(KubeObject replicaSet, Func<KubeObject, KubeObject?> change, CancellationToken cancellationToken) =>
        LogFailure(replicaSet, await ConflictRetry.UpdateAsync(ResourceGrain(ResourceKey.Of(replicaSet)), replicaSet, change, status: false, cancellationToken));

    private void LogFailure(KubeObject replicaSet, ResourceResult result)
    {
        if (!result.Succeeded)
            WorkloadLog.WriteFailed(Logger, ReplicaSet.Kind, replicaSet.Metadata.Namespace ?? "", replicaSet.Metadata.Name ?? "", result.Outcome.ToString(), result.Message ?? "");
    }

    private static KubeObject? Changed(KubeObject replicaSet, Action<ReplicaSet> apply, Func<ReplicaSet, bool> needed)
    {
        var copy = new ReplicaSet(replicaSet.DeepClone());
        if (!needed(copy))
            return null;
        apply(copy);
        return copy.Object;
    }
}
