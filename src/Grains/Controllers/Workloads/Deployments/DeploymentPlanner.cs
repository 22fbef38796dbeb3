using GitOps.Grains.Controllers.Workloads.Claims;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>
/// The Deployment controller's decisions as a pure function of a snapshot (Kubernetes' syncDeployment):
/// adopt or release ReplicaSets by selector, take one step of the rollout (RollingUpdate, Recreate, or
/// only scaling while paused), trim revision history, and compute the status and conditions.
/// </summary>
public static class DeploymentPlanner
{
    public static DeploymentPlan Plan(DeploymentSnapshot snapshot, DateTimeOffset now)
    {
        // Views may add missing nodes while reading, so they only ever wrap private copies.
        var deployment = new Deployment(snapshot.Deployment.DeepClone());
        var selector = deployment.Selector;
        var limits = RolloutLimits.Resolve(deployment);
        var claim = ControllerClaims.Claim(deployment.Object, selector, snapshot.ReplicaSets);
        var rollout = new Rollout(deployment, limits, claim.Owned.Select(o => new ReplicaSet(o.DeepClone())), now);
        foreach (var adopted in claim.ToAdopt)
            rollout.Add(new AdoptReplicaSet(adopted.Metadata.Name ?? ""));
        foreach (var released in claim.ToRelease)
            rollout.Add(new ReleaseReplicaSet(released.Metadata.Name ?? ""));

        var invalid = InvalidSpec(deployment, selector is null || selector.IsEmpty ? null : selector.Matches(deployment.Template.Labels), limits);
        if (invalid is null && deployment.Metadata.DeletionTimestamp is null)
        {
            if (deployment.Paused)
                rollout.Paused();
            else if (deployment.StrategyType == Deployment.StrategyRecreate)
                rollout.Recreate(snapshot.Pods);
            else
                rollout.RollingUpdate();
        }

        var (status, recheck) = DeploymentStatusCalculator.Calculate(rollout, invalid);
        return new DeploymentPlan(rollout.Actions, status, EventsFor(rollout.Actions), recheck);
    }

    /// <summary>
    /// True when <paramref name="existing"/> (found under the name the Deployment wanted for its new
    /// ReplicaSet) is not that ReplicaSet: another owner's, or another template. The Deployment must
    /// then bump status.collisionCount to get a different hash, as Kubernetes does.
    /// </summary>
    public static bool IsHashCollision(KubeObject deployment, KubeObject existing)
    {
        var owner = existing.Metadata.ControllerReference;
        if (owner is not null && owner.Uid != deployment.Metadata.Uid)
            return true;
        var wanted = new Deployment(deployment.DeepClone()).Template.Node;
        return !PodTemplateHash.EqualIgnoringHash(new ReplicaSet(existing.DeepClone()).Template.Node, wanted);
    }

    private static string? InvalidSpec(Deployment deployment, bool? selectorMatchesTemplate, RolloutLimits limits) => selectorMatchesTemplate switch
    {
        null => $"spec.selector of Deployment {deployment.Namespace}/{deployment.Name} is missing, empty or invalid; set spec.selector.matchLabels to labels of spec.template",
        false => $"spec.selector of Deployment {deployment.Namespace}/{deployment.Name} does not match spec.template.metadata.labels; make the template carry the selected labels",
        _ => limits.Error,
    };

    private static IReadOnlyList<DeploymentEvent> EventsFor(IEnumerable<DeploymentAction> actions) => actions
        .Select(a => a switch
        {
            CreateReplicaSet { Replicas: > 0 } c => new DeploymentEvent(false, "ScalingReplicaSet", $"Scaled up replica set {c.Name} from 0 to {c.Replicas}"),
            ScaleReplicaSet s when s.To > s.From => new DeploymentEvent(false, "ScalingReplicaSet", $"Scaled up replica set {s.Name} from {s.From} to {s.To}"),
            ScaleReplicaSet s => new DeploymentEvent(false, "ScalingReplicaSet", $"Scaled down replica set {s.Name} from {s.From} to {s.To}"),
            _ => null,
        })
        .OfType<DeploymentEvent>()
        .ToArray();
}
