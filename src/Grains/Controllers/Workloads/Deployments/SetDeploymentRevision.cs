namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>Set the Deployment's own revision annotation to its new ReplicaSet's.</summary>
public sealed record SetDeploymentRevision(long Revision) : DeploymentAction;
