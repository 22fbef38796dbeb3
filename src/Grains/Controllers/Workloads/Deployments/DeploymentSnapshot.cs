using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>
/// What a Deployment reconcile reads: the Deployment, the ReplicaSets in its namespace its selector
/// matches (or that it controls), and, for the Recreate strategy, the pods its selector matches.
/// </summary>
public sealed record DeploymentSnapshot(KubeObject Deployment, IReadOnlyList<KubeObject> ReplicaSets, IReadOnlyList<KubeObject> Pods);
