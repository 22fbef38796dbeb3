using GitOps.Model.Kinds;

namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>
/// A ReplicaSet as one Deployment reconcile sees it: its snapshot and the replicas decided so far.
/// Counting is conservative while the ReplicaSet controller catches up with a new spec.replicas: pods
/// are the larger of spec and status (a scaled-down set still has its pods until they are deleted), and
/// available pods the smaller (a scaled-down set may lose available ones first).
/// </summary>
internal sealed class ReplicaSetEntry(ReplicaSet view, bool created)
{
    public ReplicaSet View { get; } = view;

    public string Name => View.Name;

    public bool Created { get; } = created;

    public int OriginalReplicas { get; } = created ? 0 : Math.Max(0, view.Replicas);

    public int Replicas { get; set; } = Math.Max(0, view.Replicas);

    public long Revision { get; set; } = DeploymentAnnotations.RevisionOf(view.Object);

    public int StatusReplicas => Created ? 0 : View.StatusReplicas;

    public int StatusAvailable => Created ? 0 : View.AvailableReplicas;

    public int StatusReady => Created ? 0 : View.ReadyReplicas;

    /// <summary>Pods that exist or will exist for this set: never fewer than status reports.</summary>
    public int Pods => Math.Max(Replicas, StatusReplicas);

    /// <summary>Available pods this set can be counted on for: never more than it is scaled to.</summary>
    public int Available => Math.Min(Replicas, StatusAvailable);

    public DateTimeOffset CreatedAt => View.Metadata.CreationTimestamp ?? DateTimeOffset.MaxValue;

    /// <summary>The ReplicaSet controller has seen its latest spec and reports no pods.</summary>
    public bool IsDrained =>
        !Created && Replicas == 0 && View.StatusReplicas == 0 && View.ObservedGeneration >= View.Metadata.Generation;
}
