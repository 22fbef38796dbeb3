using System.Text.Json.Nodes;
using GitOps.Model.Objects;

namespace GitOps.Grains.Resources;

/// <summary>
/// What happens to the status a creator sends, as the Kubernetes apiserver does it: kinds with a
/// status subresource whose status only controllers write (Pods, workloads, Services, ...) start
/// with a fresh status (Pods in phase Pending, Namespaces Active); every other kind keeps the status
/// it was created with: Nodes (their agent registers capacity with the Node), ConfigMaps, Events,
/// Leases, and kinds this service does not know (as custom resources without a status subresource).
/// </summary>
internal static class StatusOnCreate
{
    private static readonly HashSet<ResourceType> Reset =
    [
        new("", "Pod"), new("", "Namespace"), new("", "Service"), new("", "ReplicationController"),
        new("", "PersistentVolumeClaim"), new("", "PersistentVolume"),
        new("apps", "Deployment"), new("apps", "ReplicaSet"), new("apps", "DaemonSet"), new("apps", "StatefulSet"),
        new("batch", "Job"), new("batch", "CronJob"),
        new("autoscaling", "HorizontalPodAutoscaler"), new("policy", "PodDisruptionBudget"),
    ];

    public static void Apply(KubeObject obj)
    {
        var type = new ResourceType(obj.Group, obj.Kind);
        if (!Reset.Contains(type))
            return;
        obj.Status = type switch
        {
            { Group: "", Kind: "Pod" } => new JsonObject { ["phase"] = "Pending" },
            { Group: "", Kind: "Namespace" } => new JsonObject { ["phase"] = "Active" },
            _ => null,
        };
    }
}
