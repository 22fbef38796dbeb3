namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>Add a controller reference to an orphan ReplicaSet the Deployment's selector matches.</summary>
public sealed record AdoptReplicaSet(string Name) : DeploymentAction;
