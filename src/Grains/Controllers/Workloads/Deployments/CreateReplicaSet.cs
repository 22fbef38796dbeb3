using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>Create the ReplicaSet for the current pod template (<see cref="ReplicaSet"/> is the full object to create).</summary>
public sealed record CreateReplicaSet(string Name, int Replicas, long Revision, KubeObject ReplicaSet) : DeploymentAction;
