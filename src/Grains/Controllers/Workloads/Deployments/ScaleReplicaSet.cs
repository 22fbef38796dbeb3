namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>Set a ReplicaSet's <c>spec.replicas</c>.</summary>
public sealed record ScaleReplicaSet(string Name, int From, int To) : DeploymentAction;
