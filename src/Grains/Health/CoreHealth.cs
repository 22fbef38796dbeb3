using GitOps.Model.Objects;
using static GitOps.Grains.Health.StatusFields;

namespace GitOps.Grains.Health;

/// <summary>Health of core/v1 Services, PersistentVolumeClaims and Nodes.</summary>
internal static class CoreHealth
{
    public static HealthStatus Service(KubeObject service)
    {
        if (String(service.Spec, "type") != "LoadBalancer")
            return HealthStatus.Healthy();
        return Objects(service.Status, "loadBalancer", "ingress").Any()
            ? HealthStatus.Healthy()
            : HealthStatus.Progressing("Waiting for the load balancer to be given an address");
    }

    public static HealthStatus PersistentVolumeClaim(KubeObject claim) => String(claim.Status, "phase") switch
    {
        "Bound" => HealthStatus.Healthy(),
        "Pending" => HealthStatus.Progressing("Waiting for the claim to be bound to a volume"),
        "Lost" => HealthStatus.Degraded("The claim lost its volume"),
        var phase => HealthStatus.Unknown(phase.Length == 0 ? "The claim has no phase yet" : $"Unrecognised claim phase \"{phase}\""),
    };

    /// <summary>
    /// Nodes are not in Argo CD's built-in set; by the same reading: Ready is Healthy, a cordoned
    /// node Suspended, a node not (or no longer known to be) Ready Degraded, one that has not
    /// reported yet Progressing.
    /// </summary>
    public static HealthStatus Node(KubeObject node)
    {
        var ready = Condition(node.Status, "Ready");
        return ready switch
        {
            null => HealthStatus.Progressing("Waiting for the node to report its Ready condition"),
            { Status: "True" } when Bool(node.Spec, "unschedulable") => HealthStatus.Suspended("Node is cordoned (unschedulable)"),
            { Status: "True" } => HealthStatus.Healthy(),
            { Status: "False" } => HealthStatus.Degraded(ready.Message.Length > 0 ? ready.Message : "Node is not ready"),
            _ => HealthStatus.Degraded(ready.Message.Length > 0 ? ready.Message : "Node stopped posting its status"),
        };
    }
}
