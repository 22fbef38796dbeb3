using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using GitOps.NodeAgent.Pods.Status;

namespace GitOps.NodeAgent.Nodes;

/// <summary>Builds the Node and Lease objects an agent writes, in the shapes a kubelet writes them.</summary>
public static class NodeObjects
{
    public const string LeaseNamespace = "kube-node-lease";
    public const string KubeletVersion = "v1.32.0-gitops";
    public const string RuntimeAnnotation = "gitops.io/node-agent-runtime";

    public static KubeObject Node(NodeTemplate template, DateTimeOffset now)
    {
        var node = new KubeObject("v1", "Node", null, template.Name);
        foreach (var (key, value) in Labels(template))
            node.Metadata.SetLabel(key, value);
        node.Metadata.SetAnnotation(RuntimeAnnotation, template.RuntimeName);
        node.Metadata.SetAnnotation("node.alpha.kubernetes.io/ttl", "0");
        var spec = node.EnsureSpec();
        spec["podCIDR"] = template.PodCidr;
        spec["podCIDRs"] = new JsonArray(template.PodCidr);
        if (template.Taints.Count > 0)
            spec["taints"] = new JsonArray(template.Taints.Select(t => (JsonNode)t.ToJson()).ToArray());
        node.Status = Status(template, now);
        return node;
    }

    /// <summary>The labels a node carries: the well-known ones, then the configured ones (which win).</summary>
    public static IReadOnlyDictionary<string, string> Labels(NodeTemplate template)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kubernetes.io/hostname"] = template.Name,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["beta.kubernetes.io/arch"] = "amd64",
            ["node.kubernetes.io/instance-type"] = template.InstanceType,
            ["gitops.io/runtime"] = template.RuntimeName,
        };
        foreach (var (key, value) in template.Labels)
            labels[key] = value;
        return labels;
    }

    /// <summary>The full node status: capacity, allocatable, addresses, nodeInfo and the Ready condition at <paramref name="now"/>.</summary>
    public static JsonObject Status(NodeTemplate template, DateTimeOffset now) => new()
    {
        ["capacity"] = Resources(template),
        ["allocatable"] = Resources(template),
        ["addresses"] = new JsonArray(
            new JsonObject { ["type"] = "InternalIP", ["address"] = template.InternalIp },
            new JsonObject { ["type"] = "Hostname", ["address"] = template.Name }),
        ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = 10250 } },
        ["nodeInfo"] = new JsonObject
        {
            ["machineID"] = template.Name,
            ["systemUUID"] = template.Name,
            ["bootID"] = template.Name,
            ["kernelVersion"] = Environment.OSVersion.Version.ToString(),
            ["osImage"] = $"GitOps node agent ({template.RuntimeName})",
            ["containerRuntimeVersion"] = $"{template.RuntimeName}://1.0",
            ["kubeletVersion"] = KubeletVersion,
            ["kubeProxyVersion"] = KubeletVersion,
            ["operatingSystem"] = "linux",
            ["architecture"] = "amd64",
        },
        ["conditions"] = Conditions(now, now),
    };

    /// <summary>The node conditions a healthy kubelet reports: Ready=True and no pressure.</summary>
    public static JsonArray Conditions(DateTimeOffset heartbeat, DateTimeOffset readySince) => new(
        Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", heartbeat, readySince),
        Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", heartbeat, readySince),
        Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", heartbeat, readySince),
        Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", heartbeat, readySince));

    public static KubeObject Lease(string nodeName, string? nodeUid, TimeSpan leaseDuration, DateTimeOffset renewTime)
    {
        var lease = new KubeObject("coordination.k8s.io/v1", "Lease", LeaseNamespace, nodeName);
        if (!string.IsNullOrEmpty(nodeUid))
            lease.Metadata.SetOwnerReferences([LeaseOwner(nodeName, nodeUid)]);
        lease.Spec = new JsonObject
        {
            ["holderIdentity"] = nodeName,
            ["leaseDurationSeconds"] = (int)Math.Ceiling(leaseDuration.TotalSeconds),
            ["renewTime"] = Timestamps.FormatMicro(renewTime),
        };
        return lease;
    }

    /// <summary>The owner reference of a node's Lease: the Node, so the lease goes when the node does.</summary>
    public static OwnerReference LeaseOwner(string nodeName, string nodeUid) => new("v1", "Node", nodeName, nodeUid);

    private static JsonObject Resources(NodeTemplate template) => new()
    {
        ["cpu"] = template.Cpu,
        ["memory"] = template.Memory,
        ["pods"] = template.Pods.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ephemeral-storage"] = "100Gi",
    };

    private static JsonObject Condition(string type, string status, string reason, string message, DateTimeOffset heartbeat, DateTimeOffset since) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["reason"] = reason,
        ["message"] = message,
        ["lastHeartbeatTime"] = Timestamps.Format(heartbeat),
        ["lastTransitionTime"] = Timestamps.Format(since),
    };
}
