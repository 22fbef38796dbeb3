using GitOps.Gateway.Errors;
using GitOps.Gateway.Registry;
using GitOps.Model.Objects;

namespace GitOps.Gateway.Resources;

/// <summary>What a resource URL addresses: a kind, optionally a namespace and a name, and whether the status subresource.</summary>
internal sealed record ResourceTarget(ApiResource Resource, string? Namespace, string? Name, bool Status, bool Scale = false)
{
    public ResourceKey Key => new(Resource.Group, Resource.Kind, Namespace ?? "", Name ?? "");

    /// <summary>
    /// Checks that a request body's object is of this kind and namespace: fills in the URL's
    /// namespace when the body has none, drops one a cluster-scoped kind cannot have, and answers
    /// BadRequest for another kind or namespace.
    /// </summary>
    public KubeStatus? Admit(KubeObject obj)
    {
        if (obj.Kind != Resource.Kind || obj.Group != Resource.Group)
            return KubeStatus.BadRequest($"the body is a {obj.Kind} of {obj.ApiVersion}, but {Path} takes {Resource.Kind} objects of {Resource.ApiVersion}");
        if (!Resource.Namespaced)
            obj.Metadata.Namespace = null;
        else if (string.IsNullOrEmpty(obj.Metadata.Namespace))
            obj.Metadata.Namespace = Namespace;
        else if (obj.Metadata.Namespace != Namespace)
            return KubeStatus.BadRequest($"the namespace of the provided object ({obj.Metadata.Namespace}) does not match the namespace sent on the request ({Namespace})");
        return null;
    }

    public string Path => Resource.Group.Length == 0
        ? $"/api/{Resource.Version}{Scope}/{Resource.Plural}{Item}"
        : $"/apis/{Resource.Group}/{Resource.Version}{Scope}/{Resource.Plural}{Item}";

    private string Scope => Namespace is null ? "" : $"/namespaces/{Namespace}";

    private string Item => Name is null ? "" : Status ? $"/{Name}/status" : Scale ? $"/{Name}/scale" : $"/{Name}";

    /// <summary>
    /// Resolves the route values of one of the resource routes. The route
    /// <c>/namespaces/{namespace}/{resource}</c> also matches <c>/namespaces/{name}/status</c>, the
    /// status subresource of a namespace, and is told apart here.
    /// </summary>
    public static (ResourceTarget? Target, KubeStatus? Error) Resolve(
        ResourceRegistry registry, string group, string version, string? @namespace, string plural, string? name, bool status, bool scale = false)
    {
        var resource = registry.Find(group, version, plural);
        if (resource is null && group.Length == 0 && @namespace is not null && name is null && plural == "status")
            return Resolve(registry, group, version, null, "namespaces", @namespace, status: true);
        if (resource is null)
        {
            var where = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
            return (null, KubeStatus.NotFound($"the server could not find the requested resource: no resource \"{plural}\" is served under {where} (see kubectl api-resources)"));
        }
        if (@namespace is not null && !resource.Namespaced)
            return (null, KubeStatus.NotFound($"the server could not find the requested resource: {resource.QualifiedPlural} are cluster-scoped; drop the /namespaces/{@namespace} part"));
        if (status && !resource.HasStatus)
            return (null, KubeStatus.NotFound($"the server could not find the requested resource: {resource.QualifiedPlural} have no status subresource"));
        if (scale && !resource.HasScale)
            return (null, KubeStatus.NotFound($"the server could not find the requested resource: {resource.QualifiedPlural} have no scale subresource"));
        return (new ResourceTarget(resource, @namespace, name, status, scale), null);
    }
}
