using System.Text.Json.Nodes;
using GitOps.Model.Objects;

namespace GitOps.Gateway.Tables;

/// <summary>The columns of <c>kubectl get pods</c>.</summary>
internal static class PodColumns
{
    public static IReadOnlyList<TableColumn> Create() =>
    [
        TableColumn.NameColumn,
        TableColumn.Text("Ready", "The number of ready containers out of all containers.", Ready),
        TableColumn.Text("Status", "The aggregate state of the containers in this pod.", Status),
        TableColumn.Number("Restarts", "The number of times the containers in this pod have been restarted.", Restarts),
        TableColumn.AgeColumn,
        TableColumn.Text("IP", "IP address allocated to the pod.", o => Fields.OrNone(Fields.Text(o.Status, "podIP")), priority: 1),
        TableColumn.Text("Node", "Name of the node the pod is bound to.", o => Fields.OrNone(Fields.Text(o.Spec, "nodeName")), priority: 1),
        TableColumn.Text("Nominated Node", "Name of the node nominated for the pod.", o => Fields.OrNone(Fields.Text(o.Status, "nominatedNodeName")), priority: 1),
        TableColumn.Text("Readiness Gates", "The pod's readiness gates.", _ => "<none>", priority: 1),
    ];

    private static string Ready(KubeObject pod)
    {
        var total = Fields.Count(pod.Spec, "containers");
        var ready = Fields.Items(pod.Status, "containerStatuses").Count(c => Fields.Flag(c, "ready"));
        return $"{ready}/{total}";
    }

    private static long Restarts(KubeObject pod) =>
        Fields.Items(pod.Status, "containerStatuses").Sum(c => Fields.Number(c, "restartCount"));

    private static string Status(KubeObject pod)
    {
        var reason = Fields.Text(pod.Status, "reason") is { Length: > 0 } podReason ? podReason : Fields.Text(pod.Status, "phase");
        foreach (var container in Fields.Items(pod.Status, "containerStatuses"))
        {
            var state = container["state"];
            if (Fields.Text(state, "waiting", "reason") is { Length: > 0 } waiting)
                reason = waiting;
            else if (Fields.At(state, "terminated") is JsonObject terminated)
                reason = Fields.Text(terminated, "reason") is { Length: > 0 } why ? why : $"ExitCode:{Fields.Number(terminated, "exitCode")}";
        }
        if (pod.Metadata.DeletionTimestamp is not null)
            reason = "Terminating";
        return string.IsNullOrEmpty(reason) ? "Pending" : reason;
    }
}
