using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Model.Selectors;
using EndpointsView = GitOps.Model.Kinds.Endpoints;

namespace GitOps.Grains.Controllers.Workloads.Endpoints;

/// <summary>
/// The Endpoints a Service with a selector should have (Kubernetes' endpoints controller): one address
/// per pod with an IP that is not finished or terminating, under <c>addresses</c> when ready (or when the
/// Service publishes not-ready addresses) and <c>notReadyAddresses</c> otherwise, with the Service's
/// ports resolved against the pod (a named targetPort is looked up in the pod's container ports). Pods
/// with the same resolved ports share a subset; everything is sorted so equal inputs give equal output.
/// </summary>
public static class EndpointsBuilder
{
    /// <summary>Labels GitSync puts on what it applies; copying them would make Endpoints look Git-managed.</summary>
    private const string GitOpsLabelPrefix = "gitops.io/";
    private const string HeadlessLabel = "service.kubernetes.io/headless";

    /// <summary>The Service's selector as a label selector; null when it has none (its Endpoints are not managed).</summary>
    public static LabelSelector? SelectorOf(Service service)
    {
        var selector = service.Selector;
        return selector.Count == 0
            ? null
            : new LabelSelector(selector.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new LabelRequirement(p.Key, SelectorOperator.Equals, [p.Value])).ToArray());
    }

    /// <summary>The desired Endpoints object for <paramref name="service"/> given the pods in its namespace.</summary>
    public static KubeObject Build(Service service, IEnumerable<KubeObject> pods)
    {
        var endpoints = EndpointsView.Create(service.Namespace, service.Name);
        foreach (var (key, value) in service.Metadata.Labels.Where(l => !l.Key.StartsWith(GitOpsLabelPrefix, StringComparison.Ordinal)))
            endpoints.Metadata.SetLabel(key, value);
        if (service.ClusterIP == "None")
            endpoints.Metadata.SetLabel(HeadlessLabel, "");
        endpoints.Metadata.SetOwnerReferences([Ownership.ControllerReferenceTo(service.Object) with { BlockOwnerDeletion = false }]);
        endpoints.Subsets = Subsets(service, pods);
        return endpoints.Object;
    }

    /// <summary>True when <paramref name="existing"/> differs from <paramref name="desired"/> in what this controller manages.</summary>
    public static bool NeedsUpdate(KubeObject existing, KubeObject desired) =>
        Managed(existing) != Managed(desired);

    public static IReadOnlyList<EndpointSubset> Subsets(Service service, IEnumerable<KubeObject> pods)
    {
        var selector = SelectorOf(service);
        if (selector is null)
            return [];
        var publishNotReady = service.Object.Spec?["publishNotReadyAddresses"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
        var servicePorts = service.Ports;
        var bySignature = new Dictionary<string, (List<EndpointAddress> Ready, List<EndpointAddress> NotReady, IReadOnlyList<EndpointPort> Ports)>(StringComparer.Ordinal);
        foreach (var obj in pods)
        {
            var pod = new Pod(obj);
            if (pod.Namespace != service.Namespace || !selector.Matches(pod.Metadata.Labels) || !IsEndpoint(pod))
                continue;
            var ports = ResolvePorts(servicePorts, pod);
            if (servicePorts.Count > 0 && ports.Count == 0)
                continue;
            var signature = string.Join(";", ports.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}"));
            if (!bySignature.TryGetValue(signature, out var subset))
            {
                subset = ([], [], ports);
                bySignature[signature] = subset;
            }
            var address = new EndpointAddress(pod.PodIP!, null, pod.NodeName,
                new ObjectReference("Pod", pod.Namespace, pod.Name, pod.Metadata.Uid));
            (pod.IsReady || publishNotReady ? subset.Ready : subset.NotReady).Add(address);
        }
        return bySignature
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new EndpointSubset(Sorted(p.Value.Ready), Sorted(p.Value.NotReady), p.Value.Ports))
            .ToArray();
    }

    private static bool IsEndpoint(Pod pod) =>
        !string.IsNullOrEmpty(pod.PodIP) && !pod.IsTerminal && !pod.IsBeingDeleted;

    private static IReadOnlyList<EndpointPort> ResolvePorts(IReadOnlyList<ServicePort> servicePorts, Pod pod)
    {
        var resolved = new List<EndpointPort>(servicePorts.Count);
        foreach (var port in servicePorts)
        {
            var target = port.EffectiveTargetPort;
            int? number = target.IsInt
                ? target.IntValue
                : pod.Spec.Containers.SelectMany(c => c.Ports)
                    .FirstOrDefault(p => p.Name == target.StringValue && p.Protocol == port.Protocol)?.Port;
            if (number is > 0)
                resolved.Add(new EndpointPort(number.Value, port.Name, port.Protocol));
        }
        return resolved.OrderBy(p => p.Name ?? "", StringComparer.Ordinal).ThenBy(p => p.Port).ToArray();
    }

    private static EndpointAddress[] Sorted(List<EndpointAddress> addresses) =>
        addresses.OrderBy(a => a.Ip, StringComparer.Ordinal).ThenBy(a => a.TargetRef?.Uid, StringComparer.Ordinal).ToArray();

    private static string Managed(KubeObject endpoints) =>
        CanonicalJson.Write(new System.Text.Json.Nodes.JsonObject
        {
            ["labels"] = endpoints.Metadata.Node["labels"]?.DeepClone(),
            ["ownerReferences"] = endpoints.Metadata.Node["ownerReferences"]?.DeepClone(),
            ["subsets"] = endpoints.Root["subsets"]?.DeepClone(),
        });
}
