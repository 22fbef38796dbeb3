using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using GitOps.Model.Selectors;
using GitOps.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Controllers.Workloads.DaemonSets;

/// <summary>
/// Keeps one daemon pod per fitting node (see <see cref="DaemonSetPlanner"/>): re-reads the DaemonSet,
/// the nodes and its pods on every reconcile, creates pods bound to their nodes, deletes misplaced,
/// duplicate and (within the rolling update budget) outdated pods, and writes status separately.
/// </summary>
internal sealed class DaemonSetControllerGrain(
    IResourceStore store,
    IEventRecorder events,
    TimeProvider time,
    IOptions<ControllerOptions> options,
    ControllerMetrics metrics,
    ILogger<DaemonSetControllerGrain> logger) : ControllerGrain(store, options.Value, metrics, logger), IDaemonSetControllerGrain
{
    public const string Component = "daemonset-controller";

    protected override async Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        var key = WorkloadKeys.Parse(this.GetPrimaryKeyString(), DaemonSetWatch.DaemonSetType);
        if (await Store.GetAsync(key, cancellationToken) is not { } daemonSet)
            return ReconcileResult.Gone();

        var nodes = (await InformerAsync(DaemonSetWatch.NodeType, cancellationToken)).List();
        var selector = LabelSelector.FromSelectorJson(daemonSet.Spec?["selector"] as System.Text.Json.Nodes.JsonObject).Selector;
        IReadOnlyList<KubeObject> pods = selector is { IsEmpty: false }
            ? (await InformerAsync(DaemonSetWatch.PodType, cancellationToken)).List(key.Namespace, selector)
            : [];
        var plan = DaemonSetPlanner.Plan(daemonSet, nodes, pods, time.GetUtcNow());

        var (_, failure) = await SlowStart.RunAsync(plan.CreateOn.Count, async i =>
        {
            var pod = DaemonSetPlanner.NewPod(daemonSet, plan.CreateOn[i]);
            var result = await ResourceGrain(ResourceKey.Of(pod)).CreateAsync(pod, cancellationToken);
            if (!result.Succeeded)
                return $"{result.Outcome}: {result.Message}";
            events.Record(Component, daemonSet, EventType.Normal, "SuccessfulCreate", $"Created pod: {pod.Metadata.Name}");
            return null;
        });
        foreach (var pod in plan.Delete)
        {
            var result = await ResourceGrain(ResourceKey.Of(pod.Object)).DeleteAsync(new DeleteRequest(ExpectedUid: pod.Metadata.Uid), cancellationToken);
            if (result.Succeeded)
                events.Record(Component, daemonSet, EventType.Normal, "SuccessfulDelete", $"Deleted pod: {pod.Name}");
        }
        if (failure is not null)
            events.Record(Component, daemonSet, EventType.Warning, "FailedCreate", $"Error creating: {failure}");

        if (plan.Status.ToJsonString() != (daemonSet.Status?.ToJsonString() ?? "{}"))
        {
            var next = daemonSet.DeepClone();
            next.Status = plan.Status;
            var result = await ResourceGrain(key).UpdateStatusAsync(next, cancellationToken);
            if (!result.Succeeded)
                WorkloadLog.WriteRaced(Logger, DaemonSetWatch.DaemonSetKind, key.Namespace, key.Name, result.Outcome.ToString());
        }
        return failure is null
            ? ReconcileResult.Success()
            : ReconcileResult.Failure($"creating pods for DaemonSet {key.Namespace}/{key.Name} failed: {failure}");
    }
}
