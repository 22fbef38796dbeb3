namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>Remove the controller reference from a ReplicaSet the selector no longer matches.</summary>
public sealed record ReleaseReplicaSet(string Name) : DeploymentAction;
