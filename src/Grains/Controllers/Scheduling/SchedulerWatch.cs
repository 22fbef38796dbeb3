using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Controllers.Scheduling;

/// <summary>Wakes the scheduler for pods that need a node or free one, and for node changes.</summary>
public sealed class SchedulerWatch : IControllerWatch
{
    public static readonly ResourceType PodType = new("", Pod.Kind);
    public static readonly ResourceType NodeType = new("", Node.Kind);

    private static readonly ControllerTarget Scheduler = ControllerTarget.For<ISchedulerGrain>(ISchedulerGrain.Key);

    public IReadOnlyCollection<ResourceType> Types { get; } = [PodType, NodeType];

    public IReadOnlyCollection<ControllerTarget> StartupTargets { get; } = [Scheduler];

    public void Map(ChangeEvent change, ICollection<ControllerTarget> targets)
    {
        var type = change.Key.Type;
        if (type == NodeType)
        {
            targets.Add(Scheduler);
            return;
        }
        if (type != PodType)
            return;
        // Read without typed views: change events are shared with other readers and must not be touched.
        if (change.Type == ChangeType.Deleted
            || string.IsNullOrEmpty(change.Object.Spec?.GetString("nodeName"))
            || change.Object.Status?.GetString("phase") is PodPhase.Succeeded or PodPhase.Failed)
            targets.Add(Scheduler);
    }
}
