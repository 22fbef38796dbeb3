namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>One step the Deployment controller decided to take. Executed in order by the controller grain.</summary>
public abstract record DeploymentAction;
