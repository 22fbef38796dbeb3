using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>One step the Deployment controller decided to take. Executed in order by the controller grain.</summary>
public abstract record DeploymentAction;

/// <summary>Add a controller reference to an orphan ReplicaSet the Deployment's selector matches.</summary>
public sealed record AdoptReplicaSet(string Name) : DeploymentAction;

/// <summary>Remove the controller reference from a ReplicaSet the selector no longer matches.</summary>
public sealed record ReleaseReplicaSet(string Name) : DeploymentAction;

/// <summary>Create the ReplicaSet for the current pod template (<see cref="ReplicaSet"/> is the full object to create).</summary>
public sealed record CreateReplicaSet(string Name, int Replicas, long Revision, KubeObject ReplicaSet) : DeploymentAction;

/// <summary>Set a ReplicaSet's <c>spec.replicas</c>.</summary>
public sealed record ScaleReplicaSet(string Name, int From, int To) : DeploymentAction;

/// <summary>Set a ReplicaSet's revision annotation (a reused template becomes the newest revision).</summary>
public sealed record SetReplicaSetRevision(string Name, long Revision) : DeploymentAction;

/// <summary>Delete an old, fully scaled-down ReplicaSet beyond <c>revisionHistoryLimit</c>.</summary>
public sealed record DeleteReplicaSet(string Name) : DeploymentAction;

/// <summary>Set the Deployment's own revision annotation to its new ReplicaSet's.</summary>
public sealed record SetDeploymentRevision(long Revision) : DeploymentAction;
