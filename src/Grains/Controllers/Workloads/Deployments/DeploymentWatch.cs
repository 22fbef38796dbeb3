using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>
/// Wakes a Deployment's controller when the Deployment or a ReplicaSet it controls changes, and when a
/// pod of one of its ReplicaSets is deleted (a Recreate rollout waits for the old pods to be gone).
/// </summary>
public sealed class DeploymentWatch : IControllerWatch
{
    public static readonly ResourceType DeploymentType = new("apps", Deployment.Kind);
    public static readonly ResourceType ReplicaSetType = new("apps", ReplicaSet.Kind);
    public static readonly ResourceType PodType = new("", Pod.Kind);

    public IReadOnlyCollection<ResourceType> Types { get; } = [DeploymentType];

    public void Map(ChangeEvent change, ICollection<ControllerTarget> targets)
    {
        var type = change.Key.Type;
        if (type == DeploymentType)
            Add(targets, change.Key.Namespace, change.Key.Name);
        else if (type == ReplicaSetType && change.Object.Metadata.ControllerReference is { Kind: Deployment.Kind } owner)
            Add(targets, change.Key.Namespace, owner.Name);
        else if (type == PodType && change.Type == ChangeType.Deleted && DeploymentOfPod(change.Object) is { } deployment)
            Add(targets, change.Key.Namespace, deployment);
    }

    /// <summary>A ReplicaSet a Deployment made is named <c>{deployment}-{pod-template-hash}</c>, and its pods carry the hash.</summary>
    private static string? DeploymentOfPod(KubeObject pod)
    {
        if (pod.Metadata.ControllerReference is not { Kind: ReplicaSet.Kind } owner
            || pod.Metadata.GetLabel(WellKnownLabels.PodTemplateHash) is not { Length: > 0 } hash
            || !owner.Name.EndsWith($"-{hash}", StringComparison.Ordinal))
            return null;
        return owner.Name[..^(hash.Length + 1)];
    }

    private static void Add(ICollection<ControllerTarget> targets, string @namespace, string name) =>
        targets.Add(ControllerTarget.For<IDeploymentControllerGrain>(WorkloadKeys.For(@namespace, name)));
}
