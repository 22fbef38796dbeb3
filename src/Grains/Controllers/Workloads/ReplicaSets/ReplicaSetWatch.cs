using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Controllers.Workloads.ReplicaSets;

/// <summary>Wakes a ReplicaSet's controller when the ReplicaSet or one of the pods it controls changes.</summary>
public sealed class ReplicaSetWatch : IControllerWatch
{
    public static readonly ResourceType ReplicaSetType = new("apps", ReplicaSet.Kind);
    public static readonly ResourceType PodType = new("", Pod.Kind);

    public IReadOnlyCollection<ResourceType> Types { get; } = [ReplicaSetType];

    public void Map(ChangeEvent change, ICollection<ControllerTarget> targets)
    {
        var type = change.Key.Type;
        if (type == ReplicaSetType)
        {
            targets.Add(ControllerTarget.For<IReplicaSetControllerGrain>(WorkloadKeys.For(change.Key.Namespace, change.Key.Name)));
            return;
        }
        if (type == PodType && change.Object.Metadata.ControllerReference is { Kind: ReplicaSet.Kind } owner)
            targets.Add(ControllerTarget.For<IReplicaSetControllerGrain>(WorkloadKeys.For(change.Key.Namespace, owner.Name)));
    }
}
