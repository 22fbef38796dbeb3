using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>
/// What one Deployment reconcile decided: <see cref="Actions"/> on ReplicaSets and the Deployment's
/// metadata, in order; the Deployment with its new status (<see cref="StatusUpdate"/>, null when the
/// status is unchanged); the events to record; and when to look again (progress deadline, minReadySeconds).
/// </summary>
public sealed record DeploymentPlan(
    IReadOnlyList<DeploymentAction> Actions,
    KubeObject? StatusUpdate,
    IReadOnlyList<DeploymentEvent> Events,
    TimeSpan? RequeueAfter);
