using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Controllers.Workloads.DaemonSets;

/// <summary>
/// Wakes a DaemonSet's controller when it or one of its pods changes, and every DaemonSet when a node
/// joins or leaves (it remembers the DaemonSets it has seen; the dispatcher relists them at start-up).
/// Node heartbeats are not mapped; a node's label or taint change is picked up by the periodic resync.
/// </summary>
public sealed class DaemonSetWatch : IControllerWatch
{
    public const string DaemonSetKind = "DaemonSet";
    public static readonly ResourceType DaemonSetType = new("apps", DaemonSetKind);
    public static readonly ResourceType PodType = new("", Pod.Kind);
    public static readonly ResourceType NodeType = new("", Node.Kind);

    private readonly Lock _gate = new();
    private readonly HashSet<string> _daemonSets = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ResourceType> Types { get; } = [DaemonSetType];

    public void Map(ChangeEvent change, ICollection<ControllerTarget> targets)
    {
        var type = change.Key.Type;
        if (type == DaemonSetType)
        {
            var key = WorkloadKeys.For(change.Key.Namespace, change.Key.Name);
            lock (_gate)
            {
                if (change.Type == ChangeType.Deleted)
                    _daemonSets.Remove(key);
                else
                    _daemonSets.Add(key);
            }
            targets.Add(Target(key));
        }
        else if (type == PodType && change.Object.Metadata.ControllerReference is { Kind: DaemonSetKind } owner)
        {
            targets.Add(Target(WorkloadKeys.For(change.Key.Namespace, owner.Name)));
        }
        else if (type == NodeType && change.Type != ChangeType.Modified)
        {
            lock (_gate)
            {
                foreach (var key in _daemonSets)
                    targets.Add(Target(key));
            }
        }
    }

    private static ControllerTarget Target(string key) => ControllerTarget.For<IDaemonSetControllerGrain>(key);
}
