namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>Delete an old, fully scaled-down ReplicaSet beyond <c>revisionHistoryLimit</c>.</summary>
public sealed record DeleteReplicaSet(string Name) : DeploymentAction;
