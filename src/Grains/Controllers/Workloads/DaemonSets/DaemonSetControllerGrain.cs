using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Controllers.Workloads.Pods;
using GitOps.Model.Objects;
using GitOps.Model.Selectors;
using GitOps.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Controllers.Workloads.DaemonSets;

/// <summary>
/// Keeps one daemon pod per fitting node (see <see cref="DaemonSetPlanner"/>): re-reads the DaemonSet,
/// the nodes and its pods on every reconcile, adopts orphans its selector matches (so the garbage
/// collector deletes them with it), creates pods bound to their nodes, deletes misplaced,
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

    private PodControl? _pods;

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

        var claimFailure = await Pods.AdoptAndReleaseAsync(daemonSet, plan.Adopt, plan.Release, cancellationToken);
        var createFailure = await Pods.CreateAsync(daemonSet, plan.CreateOn.Count, i => DaemonSetPlanner.NewPod(daemonSet, plan.CreateOn[i]), cancellationToken);
        var deleteFailure = await Pods.DeleteAsync(daemonSet, plan.Delete, cancellationToken);
        await Pods.WriteStatusAsync(daemonSet, plan.Status, cancellationToken);
        return (createFailure ?? deleteFailure ?? claimFailure) is { } failure
            ? ReconcileResult.Failure($"managing the pods of DaemonSet {key.Namespace}/{key.Name} failed: {failure}")
            : ReconcileResult.Success();
    }

    private PodControl Pods => _pods ??= new PodControl(GrainFactory, events, Logger, Component);
}
