using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Model.Quantities;

namespace GitOps.Grains.Tests.Support;

/// <summary>Nodes and pods as agents and controllers would write them, for controller tests.</summary>
internal static class ControllerObjects
{
    public static Node Node(
        string name,
        string cpu = "4",
        string memory = "8Gi",
        int pods = 110,
        bool ready = true,
        IReadOnlyDictionary<string, string>? labels = null,
        IReadOnlyList<Taint>? taints = null,
        DateTimeOffset? heartbeat = null)
    {
        var node = Model.Kinds.Node.Create(name);
        node.Metadata.SetLabel(WellKnownLabels.Hostname, name);
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
            node.Metadata.SetLabel(key, value);
        var resources = new Dictionary<string, Quantity>
        {
            [ResourceNames.Cpu] = Quantity.Parse(cpu),
            [ResourceNames.Memory] = Quantity.Parse(memory),
            [ResourceNames.Pods] = Quantity.FromUnits(pods),
        };
        node.Capacity = resources;
        node.Allocatable = resources;
        if (taints is not null)
            node.Taints = taints;
        var now = heartbeat ?? DateTimeOffset.UtcNow;
        node.SetCondition(new Condition(NodeConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False,
            ready ? "KubeletReady" : "KubeletNotReady", LastHeartbeatTime: now), now);
        return node;
    }

    public static Pod Pod(
        string name,
        string? cpu = null,
        string? memory = null,
        string @namespace = "default",
        OwnerReference? owner = null,
        string? nodeName = null,
        IReadOnlyDictionary<string, string>? nodeSelector = null,
        IReadOnlyList<Toleration>? tolerations = null,
        IReadOnlyList<NodeSelectorTerm>? affinity = null)
    {
        var pod = Model.Kinds.Pod.Create(@namespace, name);
        pod.Metadata.SetLabel("app", "test");
        var container = pod.Spec.AddContainer("main", "registry.example/app:1");
        var requests = new Dictionary<string, Quantity>();
        if (cpu is not null)
            requests[ResourceNames.Cpu] = Quantity.Parse(cpu);
        if (memory is not null)
            requests[ResourceNames.Memory] = Quantity.Parse(memory);
        if (requests.Count > 0)
            container.SetRequests(requests);
        if (owner is not null)
            pod.Metadata.SetOwnerReferences([owner]);
        if (nodeName is not null)
            pod.NodeName = nodeName;
        if (nodeSelector is not null)
            pod.Spec.NodeSelector = nodeSelector;
        if (tolerations is not null)
            pod.Spec.Tolerations = tolerations;
        if (affinity is not null)
            pod.Spec.RequiredNodeAffinityTerms = affinity;
        return pod;
    }

    public static OwnerReference ReplicaSetOwner(string uid, string name = "web-5d9") =>
        new("apps/v1", "ReplicaSet", name, uid, Controller: true, BlockOwnerDeletion: true);
}
