using GitOps.Model.Objects;

namespace GitOps.Gateway.Tables;

/// <summary>The Table columns per kind; kinds without their own columns get NAME and AGE.</summary>
internal static class TableDefinitions
{
    private static readonly IReadOnlyList<TableColumn> Generic = [TableColumn.NameColumn, TableColumn.AgeColumn];

    private static readonly Dictionary<ResourceType, IReadOnlyList<TableColumn>> ByType = new()
    {
        [new("", "Pod")] = PodColumns.Create(),
        [new("", "Node")] = CoreColumns.Node(),
        [new("", "Service")] = CoreColumns.Service(),
        [new("", "Namespace")] = CoreColumns.Namespace(),
        [new("", "ConfigMap")] = CoreColumns.ConfigMap(),
        [new("", "Secret")] = CoreColumns.Secret(),
        [new("", "Endpoints")] = CoreColumns.Endpoints(),
        [new("", "Event")] = CoreColumns.Event(),
        [new("", "ServiceAccount")] = CoreColumns.ServiceAccount(),
        [new("", "PersistentVolumeClaim")] = CoreColumns.PersistentVolumeClaim(),
        [new("apps", "Deployment")] = WorkloadColumns.Deployment(),
        [new("apps", "ReplicaSet")] = WorkloadColumns.ReplicaSet(),
        [new("apps", "DaemonSet")] = WorkloadColumns.DaemonSet(),
        [new("apps", "StatefulSet")] = WorkloadColumns.StatefulSet(),
        [new("batch", "Job")] = WorkloadColumns.Job(),
        [new("batch", "CronJob")] = WorkloadColumns.CronJob(),
        [new("coordination.k8s.io", "Lease")] = CoreColumns.Lease(),
    };

    public static IReadOnlyList<TableColumn> For(ResourceType type) => ByType.GetValueOrDefault(type) ?? Generic;
}
