using System.Text.Json.Nodes;
using GitOps.Model.Objects;

namespace GitOps.Gateway.Tables;

/// <summary>The columns of <c>kubectl get</c> for core kinds other than pods.</summary>
internal static class CoreColumns
{
    public static IReadOnlyList<TableColumn> Node() =>
    [
        TableColumn.NameColumn,
        TableColumn.Text("Status", "The node's readiness and schedulability.", NodeStatus),
        TableColumn.Text("Roles", "Roles from the node-role.kubernetes.io/* labels.", Roles),
        TableColumn.AgeColumn,
        TableColumn.Text("Version", "The kubelet version the node reports.", o => Fields.Text(o.Status, "nodeInfo", "kubeletVersion")),
        TableColumn.Text("Internal-IP", "The node's internal address.", o => Address(o, "InternalIP"), priority: 1),
        TableColumn.Text("External-IP", "The node's external address.", o => Address(o, "ExternalIP"), priority: 1),
        TableColumn.Text("OS-Image", "The node's operating system image.", o => Fields.OrNone(Fields.Text(o.Status, "nodeInfo", "osImage")), priority: 1),
        TableColumn.Text("Kernel-Version", "The node's kernel version.", o => Fields.OrNone(Fields.Text(o.Status, "nodeInfo", "kernelVersion")), priority: 1),
        TableColumn.Text("Container-Runtime", "The node's container runtime.", o => Fields.OrNone(Fields.Text(o.Status, "nodeInfo", "containerRuntimeVersion")), priority: 1),
    ];

    public static IReadOnlyList<TableColumn> Service() =>
    [
        TableColumn.NameColumn,
        TableColumn.Text("Type", "The type of the service.", o => Fields.Text(o.Spec, "type") is { Length: > 0 } t ? t : "ClusterIP"),
        TableColumn.Text("Cluster-IP", "The service's cluster IP.", o => Fields.OrNone(Fields.Text(o.Spec, "clusterIP"))),
        TableColumn.Text("External-IP", "The service's external IPs.", ExternalIps),
        TableColumn.Text("Port(s)", "The ports the service exposes.", Ports),
        TableColumn.AgeColumn,
        TableColumn.Text("Selector", "The label selector of the service's pods.", o => Fields.Selector(Fields.At(o.Spec, "selector")), priority: 1),
    ];

    public static IReadOnlyList<TableColumn> Namespace() =>
    [
        TableColumn.NameColumn,
        TableColumn.Text("Status", "The phase of the namespace.", o => Fields.Text(o.Status, "phase") is { Length: > 0 } p ? p : "Active"),
        TableColumn.AgeColumn,
    ];

    public static IReadOnlyList<TableColumn> ConfigMap() =>
    [
        TableColumn.NameColumn,
        TableColumn.Number("Data", "Number of entries in data and binaryData.", o => Fields.Count(o.Root, "data") + Fields.Count(o.Root, "binaryData")),
        TableColumn.AgeColumn,
    ];

    public static IReadOnlyList<TableColumn> Secret() =>
    [
        TableColumn.NameColumn,
        TableColumn.Text("Type", "The type of the secret.", o => Fields.Text(o.Root, "type") is { Length: > 0 } t ? t : "Opaque"),
        TableColumn.Number("Data", "Number of entries in data.", o => Fields.Count(o.Root, "data") + Fields.Count(o.Root, "stringData")),
        TableColumn.AgeColumn,
    ];

    public static IReadOnlyList<TableColumn> Endpoints() =>
    [
        TableColumn.NameColumn,
        TableColumn.Text("Endpoints", "Addresses and ports of the ready endpoints.", EndpointAddresses),
        TableColumn.AgeColumn,
    ];

    public static IReadOnlyList<TableColumn> Event() =>
    [
        new("Last Seen", "string", "Time since the event was last seen.", 0, (o, now) =>
            Age.Since(Time(o, "lastTimestamp") ?? Time(o, "eventTime") ?? o.Metadata.CreationTimestamp, now)),
        TableColumn.Text("Type", "Normal or Warning.", o => Fields.Text(o.Root, "type")),
        TableColumn.Text("Reason", "Why the event happened.", o => Fields.Text(o.Root, "reason")),
        TableColumn.Text("Object", "The object the event is about.", o =>
            $"{Fields.Text(o.Root, "involvedObject", "kind").ToLowerInvariant()}/{Fields.Text(o.Root, "involvedObject", "name")}"),
        TableColumn.Text("Message", "What happened.", o => Fields.Text(o.Root, "message")),
    ];

    public static IReadOnlyList<TableColumn> ServiceAccount() =>
    [
        TableColumn.NameColumn,
        TableColumn.Number("Secrets", "Number of secrets of the service account.", o => Fields.Count(o.Root, "secrets")),
        TableColumn.AgeColumn,
    ];

    public static IReadOnlyList<TableColumn> PersistentVolumeClaim() =>
    [
        TableColumn.NameColumn,
        TableColumn.Text("Status", "The phase of the claim.", o => Fields.Text(o.Status, "phase") is { Length: > 0 } p ? p : "Pending"),
        TableColumn.Text("Volume", "The bound volume.", o => Fields.Text(o.Spec, "volumeName")),
        TableColumn.Text("Capacity", "The bound capacity.", o => Fields.Text(o.Status, "capacity", "storage")),
        TableColumn.Text("Access Modes", "The access modes.", o => string.Join(",", (Fields.At(o.Spec, "accessModes") as JsonArray ?? []).Select(m => Fields.Text(m)))),
        TableColumn.Text("StorageClass", "The storage class.", o => Fields.Text(o.Spec, "storageClassName")),
        TableColumn.AgeColumn,
    ];

    public static IReadOnlyList<TableColumn> Lease() =>
    [
        TableColumn.NameColumn,
        TableColumn.Text("Holder", "The holder of the lease.", o => Fields.Text(o.Spec, "holderIdentity")),
        TableColumn.AgeColumn,
    ];

    private static DateTimeOffset? Time(KubeObject o, string field) =>
        DateTimeOffset.TryParse(Fields.Text(o.Root, field), out var t) ? t : null;

    private static string NodeStatus(KubeObject node)
    {
        var ready = Fields.Items(node.Status, "conditions").FirstOrDefault(c => Fields.Text(c, "type") == "Ready");
        var status = Fields.Text(ready, "status") switch
        {
            "True" => "Ready",
            "False" => "NotReady",
            _ => "Unknown",
        };
        return Fields.Flag(node.Spec, "unschedulable") ? status + ",SchedulingDisabled" : status;
    }

    private static string Roles(KubeObject node)
    {
        const string prefix = "node-role.kubernetes.io/";
        var roles = node.Metadata.Labels.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).Order().ToArray();
        return roles.Length == 0 ? "<none>" : string.Join(",", roles);
    }

    private static string Address(KubeObject node, string type) =>
        Fields.OrNone(Fields.Items(node.Status, "addresses").Where(a => Fields.Text(a, "type") == type).Select(a => Fields.Text(a, "address")).FirstOrDefault() ?? "");

    private static string ExternalIps(KubeObject service)
    {
        var ips = (Fields.At(service.Spec, "externalIPs") as JsonArray ?? []).Select(i => Fields.Text(i))
            .Concat(Fields.Items(service.Status, "loadBalancer", "ingress").Select(i => Fields.Text(i, "ip") is { Length: > 0 } ip ? ip : Fields.Text(i, "hostname")))
            .Where(i => i.Length > 0).ToArray();
        if (ips.Length > 0)
            return string.Join(",", ips);
        return Fields.Text(service.Spec, "type") == "LoadBalancer" ? "<pending>" : "<none>";
    }

    private static string Ports(KubeObject service)
    {
        var ports = Fields.Items(service.Spec, "ports").Select(p =>
        {
            var protocol = Fields.Text(p, "protocol") is { Length: > 0 } proto ? proto : "TCP";
            var nodePort = Fields.Number(p, "nodePort");
            return nodePort > 0 ? $"{Fields.Number(p, "port")}:{nodePort}/{protocol}" : $"{Fields.Number(p, "port")}/{protocol}";
        }).ToArray();
        return ports.Length == 0 ? "<none>" : string.Join(",", ports);
    }

    private static string EndpointAddresses(KubeObject endpoints)
    {
        var all = new List<string>();
        foreach (var subset in Fields.Items(endpoints.Root, "subsets"))
        {
            var ports = Fields.Items(subset, "ports").Select(p => Fields.Number(p, "port")).DefaultIfEmpty(0).ToArray();
            foreach (var address in Fields.Items(subset, "addresses"))
                all.AddRange(ports.Select(port => port > 0 ? $"{Fields.Text(address, "ip")}:{port}" : Fields.Text(address, "ip")));
        }
        if (all.Count == 0)
            return "<none>";
        return all.Count <= 3 ? string.Join(",", all) : $"{string.Join(",", all.Take(3))} + {all.Count - 3} more...";
    }
}
