using System.Text.Json.Nodes;
using GitOps.Model.Json;
using GitOps.Model.Quantities;

namespace GitOps.Model.Kinds;

/// <summary>A read-write view over a pod spec (of a Pod or of a workload's pod template).</summary>
public sealed class PodSpec(JsonObject node)
{
    public JsonObject Node { get; } = node;

    public string? NodeName { get => Node.GetString("nodeName"); set => Node.SetString("nodeName", value); }

    public string? SchedulerName { get => Node.GetString("schedulerName"); set => Node.SetString("schedulerName", value); }

    public string? ServiceAccountName { get => Node.GetString("serviceAccountName"); set => Node.SetString("serviceAccountName", value); }

    /// <summary>Always (the default), OnFailure or Never.</summary>
    public string RestartPolicy { get => Node.GetString("restartPolicy") ?? RestartPolicies.Always; set => Node.SetString("restartPolicy", value); }

    /// <summary>Seconds between the stop signal and the kill; 30 when unset.</summary>
    public long TerminationGracePeriodSeconds
    {
        get => Node.GetLong("terminationGracePeriodSeconds") ?? 30;
        set => Node.SetLong("terminationGracePeriodSeconds", value);
    }

    public int? Priority { get => Node.GetInt("priority"); set => Node.SetInt("priority", value); }

    public IReadOnlyList<Container> Containers => Node.GetObjects("containers").Select(c => new Container(c)).ToArray();

    public IReadOnlyList<Container> InitContainers => Node.GetObjects("initContainers").Select(c => new Container(c)).ToArray();

    /// <summary>Appends a container entry and returns its view.</summary>
    public Container AddContainer(string name, string image)
    {
        if (Node["containers"] is not JsonArray array)
        {
            array = [];
            Node["containers"] = array;
        }
        var container = new JsonObject { ["name"] = name, ["image"] = image };
        array.Add(container);
        return new Container(container);
    }

    public IReadOnlyDictionary<string, string> NodeSelector
    {
        get => Node.GetStringMap("nodeSelector");
        set => Node.SetStringMap("nodeSelector", value);
    }

    public IReadOnlyList<Toleration> Tolerations
    {
        get => Node.GetObjects("tolerations").Select(Toleration.FromJson).ToArray();
        set => Node.SetObjects("tolerations", value.Select(t => t.ToJson()));
    }

    /// <summary>affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms (ORed); empty when absent.</summary>
    public IReadOnlyList<NodeSelectorTerm> RequiredNodeAffinityTerms
    {
        get => Node.GetPath("affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution")
                ?.GetObjects("nodeSelectorTerms").Select(NodeSelectorTerm.FromJson).ToArray() ?? [];
        set
        {
            var required = Node.EnsurePath("affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution");
            required.SetObjects("nodeSelectorTerms", value.Select(t => t.ToJson()));
        }
    }

    /// <summary>
    /// What the scheduler reserves for the pod, as Kubernetes computes it: the sum over containers of their
    /// requests (limits where no request), raised to the largest single init container's.
    /// </summary>
    public IReadOnlyDictionary<string, Quantity> TotalRequests
    {
        get
        {
            var total = new Dictionary<string, Quantity>(StringComparer.Ordinal);
            foreach (var container in Containers)
                ResourceList.AddTo(total, container.EffectiveRequests);
            foreach (var init in InitContainers)
                ResourceList.MaxInto(total, init.EffectiveRequests);
            return total;
        }
    }

    /// <summary>True when the node's labels satisfy nodeSelector and, if set, any one required node affinity term.</summary>
    public bool MatchesNode(IReadOnlyDictionary<string, string> nodeLabels, string nodeName)
    {
        foreach (var (key, value) in NodeSelector)
        {
            if (!nodeLabels.TryGetValue(key, out var actual) || actual != value)
                return false;
        }
        var terms = RequiredNodeAffinityTerms;
        return terms.Count == 0 || terms.Any(t => t.Matches(nodeLabels, nodeName));
    }
}
