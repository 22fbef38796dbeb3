namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>Set a ReplicaSet's revision annotation (a reused template becomes the newest revision).</summary>
public sealed record SetReplicaSetRevision(string Name, long Revision) : DeploymentAction;
