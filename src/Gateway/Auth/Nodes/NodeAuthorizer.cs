using GitOps.Grains.Informers;
using GitOps.Model.Objects;

namespace GitOps.Gateway.Auth.Nodes;

/// <summary>
/// The Node authorizer with NodeRestriction's object checks, for users <c>system:node:NAME</c> in
/// <c>system:nodes</c> (other users: no opinion). A node may read nodes, pods, services and endpoints; read
/// (get) the Secrets, ConfigMaps and claims of pods bound to it; create its own Node and write it and its
/// status; write the status of, and delete, pods bound to it (<c>spec.nodeName</c>); keep its own Lease in
/// <c>kube-node-lease</c>; create events. Access reviews and non-resource URLs are left to RBAC. Anything else
/// is denied, with a reason that says what a node may do. The name a create gives its object is checked by
/// <see cref="NodeRestriction"/>, which reads the body.
/// </summary>
public sealed class NodeAuthorizer : IAuthorizer
{
    public const string LeaseNamespace = "kube-node-lease";

    private const string CoordinationGroup = "coordination.k8s.io";

    private static readonly HashSet<string> ReadVerbs = new(StringComparer.Ordinal) { "get", "list", "watch" };
    private static readonly HashSet<string> WriteVerbs = new(StringComparer.Ordinal) { "update", "patch" };

    private readonly SharedInformerFactory _factory;
    private readonly Informer _pods;

    public NodeAuthorizer(SharedInformerFactory factory)
    {
        _factory = factory;
        _pods = factory.For(new ResourceType("", "Pod"));
    }

    public async ValueTask<AuthorizationDecision> AuthorizeAsync(RequestAttributes attributes, CancellationToken cancellationToken)
    {
        if (NodeIdentity.NodeNameOf(attributes.User) is not { } node || !attributes.IsResourceRequest || attributes.ApiGroup == "authorization.k8s.io")
            return AuthorizationDecision.NoOpinion;
        if (!_pods.HasSynced)
            await _pods.WaitUntilCurrentAsync(0, cancellationToken);
        var decision = Decide(node, attributes);
        if (decision.Verdict != AuthorizationVerdict.Deny || !DependsOnPods(attributes))
            return decision;
        // A pod bound a moment ago may not be in this silo's cache yet: decide again on everything committed so far.
        var current = await _factory.CurrentResourceVersionAsync(cancellationToken);
        await _pods.WaitUntilCurrentAsync(current, cancellationToken);
        return Decide(node, attributes);
    }

    private static bool DependsOnPods(RequestAttributes a) =>
        a.ApiGroup.Length == 0 && a.Resource is "pods" or PodReferences.Secret or PodReferences.ConfigMap or PodReferences.Claim;

    private AuthorizationDecision Decide(string node, RequestAttributes a)
    {
        var verb = a.Verb;
        return (a.ApiGroup, a.Resource) switch
        {
            ("", "nodes") when ReadVerbs.Contains(verb) && a.Subresource.Length == 0 => Allow(node, "reads nodes"),
            ("", "nodes") when verb == "create" && a.Subresource.Length == 0 => Allow(node, "registers its Node"),
            ("", "nodes") when WriteVerbs.Contains(verb) && a.Subresource is "" or "status" => a.Name == node
                ? Allow(node, "writes its own Node")
                : Deny(node, $"it may only modify its own Node object, not node \"{a.Name}\""),
            ("", "pods") when ReadVerbs.Contains(verb) && a.Subresource.Length == 0 => Allow(node, "reads pods"),
            ("", "pods") when (WriteVerbs.Contains(verb) && a.Subresource == "status") || (verb == "delete" && a.Subresource.Length == 0) =>
                PodWrite(node, a),
            ("", "services" or "endpoints") or ("discovery.k8s.io", "endpointslices") when ReadVerbs.Contains(verb) => Allow(node, "reads services"),
            ("", PodReferences.Secret or PodReferences.ConfigMap or PodReferences.Claim) when verb == "get" && a.Subresource.Length == 0 =>
                UsedByBoundPod(node, a.Namespace, a.Resource, a.Name)
                    ? Allow(node, "reads what a pod bound to it uses")
                    : Deny(node, $"no relationship found between node \"{node}\" and {a.Resource} \"{a.Namespace}/{a.Name}\": no pod bound to the node uses it"),
            (CoordinationGroup, "leases") when a.Namespace == LeaseNamespace && verb == "create" => Allow(node, "creates its Lease"),
            (CoordinationGroup, "leases") when a.Namespace == LeaseNamespace && verb is "get" or "update" or "patch" or "delete" => a.Name == node
                ? Allow(node, "keeps its own Lease")
                : Deny(node, $"it may only use its own Lease \"{LeaseNamespace}/{node}\", not \"{a.Namespace}/{a.Name}\""),
            ("", "events") or ("events.k8s.io", "events") when verb is "create" or "update" or "patch" => Allow(node, "records events"),
            ("", "namespaces") when verb == "create" => Allow(node, $"creates namespace {LeaseNamespace}"),
            _ => Deny(node, $"a node may not {verb} {Describe(a)}; nodes may read nodes, pods and services, " +
                "write their own Node and Lease, and write the status of (or delete) pods bound to them"),
        };
    }

    private AuthorizationDecision PodWrite(string node, RequestAttributes a)
    {
        var pod = _pods.Get(a.Namespace, a.Name);
        if (pod is null)
            return Allow(node, "writes a pod that does not exist (the write answers not found)");
        var boundTo = Rbac.JsonStrings.Of(pod.Spec?["nodeName"]) ?? "";
        return boundTo == node
            ? Allow(node, "writes a pod bound to it")
            : Deny(node, $"pod \"{a.Namespace}/{a.Name}\" is bound to {(boundTo.Length == 0 ? "no node" : $"node \"{boundTo}\"")}, and a node may only write pods bound to it");
    }

    private bool UsedByBoundPod(string node, string @namespace, string resource, string name) =>
        name.Length > 0 && _pods.ListByNode(node).Any(p => p.Metadata.Namespace == @namespace && PodReferences.Uses(p, resource, name));

    private static string Describe(RequestAttributes a)
    {
        var resource = a.Subresource.Length == 0 ? a.Resource : $"{a.Resource}/{a.Subresource}";
        var group = a.ApiGroup.Length == 0 ? "" : $".{a.ApiGroup}";
        return a.Name.Length == 0 ? $"{resource}{group}" : $"{resource}{group} \"{a.Name}\"";
    }

    private static AuthorizationDecision Allow(string node, string what) => AuthorizationDecision.Allow($"Node: node \"{node}\" {what}");

    private static AuthorizationDecision Deny(string node, string why) => AuthorizationDecision.Deny($"Node: node \"{node}\": {why}");
}
