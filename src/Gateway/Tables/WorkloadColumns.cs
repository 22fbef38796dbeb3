using GitOps.Model.Objects;

namespace GitOps.Gateway.Tables;

/// <summary>The columns of <c>kubectl get</c> for workload kinds (apps/v1, batch/v1).</summary>
internal static class WorkloadColumns
{
    public static IReadOnlyList<TableColumn> Deployment() =>
    [
        TableColumn.NameColumn,
        TableColumn.Text("Ready", "Number of ready replicas out of the desired number.", o => $"{Fields.Number(o.Status, "readyReplicas")}/{Desired(o)}"),
        TableColumn.Number("Up-to-date", "Replicas updated to the current pod template.", o => Fields.Number(o.Status, "updatedReplicas")),
        TableColumn.Number("Available", "Replicas available to serve.", o => Fields.Number(o.Status, "availableReplicas")),
        TableColumn.AgeColumn,
        .. PodTemplateColumns(),
    ];

    public static IReadOnlyList<TableColumn> ReplicaSet() =>
    [
        TableColumn.NameColumn,
        TableColumn.Number("Desired", "Number of desired pods.", Desired),
        TableColumn.Number("Current", "Number of pods that exist.", o => Fields.Number(o.Status, "replicas")),
        TableColumn.Number("Ready", "Number of ready pods.", o => Fields.Number(o.Status, "readyReplicas")),
        TableColumn.AgeColumn,
        .. PodTemplateColumns(),
    ];

    public static IReadOnlyList<TableColumn> DaemonSet() =>
    [
        TableColumn.NameColumn,
        TableColumn.Number("Desired", "Nodes that should run the daemon pod.", o => Fields.Number(o.Status, "desiredNumberScheduled")),
        TableColumn.Number("Current", "Nodes running the daemon pod.", o => Fields.Number(o.Status, "currentNumberScheduled")),
        TableColumn.Number("Ready", "Nodes whose daemon pod is ready.", o => Fields.Number(o.Status, "numberReady")),
        TableColumn.Number("Up-to-date", "Nodes running the updated daemon pod.", o => Fields.Number(o.Status, "updatedNumberScheduled")),
        TableColumn.Number("Available", "Nodes whose daemon pod is available.", o => Fields.Number(o.Status, "numberAvailable")),
        TableColumn.Text("Node Selector", "The node selector of the pod template.", o => NodeSelector(o)),
        TableColumn.AgeColumn,
        .. PodTemplateColumns(),
    ];

    public static IReadOnlyList<TableColumn> StatefulSet() =>
    [
        TableColumn.NameColumn,
        TableColumn.Text("Ready", "Number of ready replicas out of the desired number.", o => $"{Fields.Number(o.Status, "readyReplicas")}/{Desired(o)}"),
        TableColumn.AgeColumn,
        .. PodTemplateColumns(),
    ];

    public static IReadOnlyList<TableColumn> Job() =>
    [
        TableColumn.NameColumn,
        TableColumn.Text("Status", "Whether the job completed, failed or is running.", JobStatus),
        TableColumn.Text("Completions", "Succeeded pods out of the desired completions.", o =>
            $"{Fields.Number(o.Status, "succeeded")}/{(Fields.At(o.Spec, "completions") is null ? 1 : Fields.Number(o.Spec, "completions"))}"),
        TableColumn.AgeColumn,
        .. PodTemplateColumns(),
    ];

    public static IReadOnlyList<TableColumn> CronJob() =>
    [
        TableColumn.NameColumn,
        TableColumn.Text("Schedule", "The cron schedule.", o => Fields.Text(o.Spec, "schedule")),
        TableColumn.Text("Suspend", "Whether the cron job is suspended.", o => Fields.Flag(o.Spec, "suspend") ? "True" : "False"),
        TableColumn.Number("Active", "Running jobs.", o => Fields.Count(o.Status, "active")),
        TableColumn.Text("Last Schedule", "Time since the job was last scheduled.", o =>
            DateTimeOffset.TryParse(Fields.Text(o.Status, "lastScheduleTime"), out var t) ? Age.Format(DateTimeOffset.UtcNow - t) : "<none>"),
        TableColumn.AgeColumn,
    ];

    private static long Desired(KubeObject o) => Fields.At(o.Spec, "replicas") is null ? 1 : Fields.Number(o.Spec, "replicas");

    private static string JobStatus(KubeObject job)
    {
        foreach (var condition in Fields.Items(job.Status, "conditions"))
        {
            if (Fields.Text(condition, "status") == "True" && Fields.Text(condition, "type") is "Complete" or "Failed")
                return Fields.Text(condition, "type");
        }
        return Fields.Flag(job.Spec, "suspend") ? "Suspended" : "Running";
    }

    private static string NodeSelector(KubeObject o) =>
        Fields.At(o.Spec, "template", "spec", "nodeSelector") is System.Text.Json.Nodes.JsonObject selector && selector.Count > 0
            ? string.Join(",", selector.Select(p => $"{p.Key}={Fields.Text(p.Value)}"))
            : "<none>";

    private static TableColumn[] PodTemplateColumns() =>
    [
        TableColumn.Text("Containers", "Names of the containers in the pod template.", o => Fields.Containers(Fields.At(o.Spec, "template", "spec")), priority: 1),
        TableColumn.Text("Images", "Images of the containers in the pod template.", o => Fields.Images(Fields.At(o.Spec, "template", "spec")), priority: 1),
        TableColumn.Text("Selector", "The label selector of the pods.", o => Fields.Selector(Fields.At(o.Spec, "selector")), priority: 1),
    ];
}
