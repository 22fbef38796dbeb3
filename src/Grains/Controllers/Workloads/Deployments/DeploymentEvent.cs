namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>An event about the Deployment (reason as Kubernetes names it, e.g. ScalingReplicaSet).</summary>
public sealed record DeploymentEvent(bool Warning, string Reason, string Message);
