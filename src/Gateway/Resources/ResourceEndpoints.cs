using System.Text.Json.Nodes;
using GitOps.Gateway.Errors;
using GitOps.Gateway.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Gateway.Resources;

/// <summary>
/// The Kubernetes resource routes: <c>/api/v1/...</c> for the core group and
/// <c>/apis/{group}/{version}/...</c> for the others, cluster-wide, per namespace and per object,
/// plus the status subresource. All routes resolve to one <see cref="ResourceTarget"/> and the
/// reader (get/list/watch) or writer (create/update/patch/delete).
/// </summary>
internal static class ResourceEndpoints
{
    private const string Tag = "Kubernetes resources";

    public static void MapResourceApi(this IEndpointRouteBuilder endpoints)
    {
        MapPrefix(endpoints.MapGroup("/api/v1"), core: true);
        MapPrefix(endpoints.MapGroup("/apis/{group}/{version}"), core: false);
    }

    private static void MapPrefix(RouteGroupBuilder api, bool core)
    {
        var scope = core ? "core (v1)" : "{group}/{version}";
        var id = core ? "Core" : "Group";

        Document(api.MapGet("/{resource}", (HttpContext c, string resource) => Handle(c, core, null, resource, null, false)),
            $"list{id}AllNamespaces", $"List or watch a {scope} resource across all namespaces (or a cluster-scoped one)", list: true);
        Document(api.MapPost("/{resource}", (HttpContext c, string resource) => Handle(c, core, null, resource, null, false)),
            $"create{id}ClusterScoped", $"Create a cluster-scoped {scope} object (generateName supported)", write: true);
        Document(api.MapGet("/{resource}/{name}", (HttpContext c, string resource, string name) => Handle(c, core, null, resource, name, false)),
            $"read{id}ClusterScoped", $"Read a cluster-scoped {scope} object");
        Document(api.MapPut("/{resource}/{name}", (HttpContext c, string resource, string name) => Handle(c, core, null, resource, name, false)),
            $"replace{id}ClusterScoped", $"Replace a cluster-scoped {scope} object (metadata.resourceVersion is a precondition)", write: true);
        Document(api.MapPatch("/{resource}/{name}", (HttpContext c, string resource, string name) => Handle(c, core, null, resource, name, false)),
            $"patch{id}ClusterScoped", $"Patch a cluster-scoped {scope} object (merge, strategic merge or JSON patch)", write: true);
        Document(api.MapDelete("/{resource}/{name}", (HttpContext c, string resource, string name) => Handle(c, core, null, resource, name, false)),
            $"delete{id}ClusterScoped", $"Delete a cluster-scoped {scope} object (propagationPolicy, preconditions)", write: true);
        Document(api.MapGet("/{resource}/{name}/status", (HttpContext c, string resource, string name) => Handle(c, core, null, resource, name, true)),
            $"read{id}ClusterScopedStatus", $"Read the status of a cluster-scoped {scope} object");
        Document(api.MapPut("/{resource}/{name}/status", (HttpContext c, string resource, string name) => Handle(c, core, null, resource, name, true)),
            $"replace{id}ClusterScopedStatus", $"Replace the status of a cluster-scoped {scope} object", write: true);
        Document(api.MapPatch("/{resource}/{name}/status", (HttpContext c, string resource, string name) => Handle(c, core, null, resource, name, true)),
            $"patch{id}ClusterScopedStatus", $"Patch the status of a cluster-scoped {scope} object", write: true);

        Document(api.MapGet("/namespaces/{namespace}/{resource}", (HttpContext c, string @namespace, string resource) => Handle(c, core, @namespace, resource, null, false)),
            $"list{id}Namespaced", $"List or watch a namespaced {scope} resource in one namespace", list: true);
        Document(api.MapPost("/namespaces/{namespace}/{resource}", (HttpContext c, string @namespace, string resource) => Handle(c, core, @namespace, resource, null, false)),
            $"create{id}Namespaced", $"Create a namespaced {scope} object (generateName supported)", write: true);
        Document(api.MapGet("/namespaces/{namespace}/{resource}/{name}", (HttpContext c, string @namespace, string resource, string name) => Handle(c, core, @namespace, resource, name, false)),
            $"read{id}Namespaced", $"Read a namespaced {scope} object");
        Document(api.MapPut("/namespaces/{namespace}/{resource}/{name}", (HttpContext c, string @namespace, string resource, string name) => Handle(c, core, @namespace, resource, name, false)),
            $"replace{id}Namespaced", $"Replace a namespaced {scope} object (metadata.resourceVersion is a precondition)", write: true);
        Document(api.MapPatch("/namespaces/{namespace}/{resource}/{name}", (HttpContext c, string @namespace, string resource, string name) => Handle(c, core, @namespace, resource, name, false)),
            $"patch{id}Namespaced", $"Patch a namespaced {scope} object (merge, strategic merge or JSON patch)", write: true);
        Document(api.MapDelete("/namespaces/{namespace}/{resource}/{name}", (HttpContext c, string @namespace, string resource, string name) => Handle(c, core, @namespace, resource, name, false)),
            $"delete{id}Namespaced", $"Delete a namespaced {scope} object (propagationPolicy, preconditions)", write: true);
        Document(api.MapGet("/namespaces/{namespace}/{resource}/{name}/status", (HttpContext c, string @namespace, string resource, string name) => Handle(c, core, @namespace, resource, name, true)),
            $"read{id}NamespacedStatus", $"Read the status of a namespaced {scope} object");
        Document(api.MapPut("/namespaces/{namespace}/{resource}/{name}/status", (HttpContext c, string @namespace, string resource, string name) => Handle(c, core, @namespace, resource, name, true)),
            $"replace{id}NamespacedStatus", $"Replace the status of a namespaced {scope} object", write: true);
        Document(api.MapPatch("/namespaces/{namespace}/{resource}/{name}/status", (HttpContext c, string @namespace, string resource, string name) => Handle(c, core, @namespace, resource, name, true)),
            $"patch{id}NamespacedStatus", $"Patch the status of a namespaced {scope} object", write: true);
        Document(api.MapGet("/namespaces/{namespace}/{resource}/{name}/scale", (HttpContext c, string @namespace, string resource, string name) => HandleScale(c, core, @namespace, resource, name)),
            $"read{id}NamespacedScale", $"Read the scale (autoscaling/v1 Scale) of a {scope} deployment, replicaset or statefulset");
        Document(api.MapPut("/namespaces/{namespace}/{resource}/{name}/scale", (HttpContext c, string @namespace, string resource, string name) => HandleScale(c, core, @namespace, resource, name)),
            $"replace{id}NamespacedScale", $"Replace the scale (spec.replicas) of a {scope} deployment, replicaset or statefulset", write: true);
        Document(api.MapPatch("/namespaces/{namespace}/{resource}/{name}/scale", (HttpContext c, string @namespace, string resource, string name) => HandleScale(c, core, @namespace, resource, name)),
            $"patch{id}NamespacedScale", $"Patch the scale (spec.replicas) of a {scope} deployment, replicaset or statefulset (kubectl scale)", write: true);
        Document(api.Map("/namespaces/{namespace}/{resource}/{name}/{subresource}", (string resource, string subresource) => UnservedSubresource(resource, subresource)),
            $"unserved{id}NamespacedSubresource", $"Subresources other than status and scale (pods/log, exec, attach, portforward, proxy) are not served; the answer says so");
    }

    private static IResult UnservedSubresource(string plural, string subresource)
    {
        var message = plural == "pods" && subresource is "log" or "exec" or "attach" or "portforward"
            ? $"the server could not find the requested resource: pods/{subresource} is not served by this control plane (node agents do not stream to it). " +
              "With the process runtime each container's output is in the agent's work directory, under pods/<namespace>_<pod>_<uid>/<container>/<restartCount>.log"
            : $"the server could not find the requested resource: {plural}/{subresource} is not served (the subresources served are status, and scale for deployments, replicasets and statefulsets)";
        return new StatusResult(KubeStatus.NotFound(message));
    }

    private static async Task<IResult> HandleScale(HttpContext httpContext, bool core, string @namespace, string plural, string name)
    {
        var services = httpContext.RequestServices;
        var group = core ? "" : (string)httpContext.GetRouteValue("group")!;
        var version = core ? "v1" : (string)httpContext.GetRouteValue("version")!;
        var (target, error) = ResourceTarget.Resolve(services.GetRequiredService<ResourceRegistry>(), group, version, @namespace, plural, name, status: false, scale: true);
        if (target is null)
            return new StatusResult(error!);
        var scale = services.GetRequiredService<ScaleSubresource>();
        return httpContext.Request.Method switch
        {
            "GET" => await scale.GetAsync(target, httpContext.RequestAborted),
            "PUT" => await scale.WriteAsync(httpContext, target, patch: false, httpContext.RequestAborted),
            _ => await scale.WriteAsync(httpContext, target, patch: true, httpContext.RequestAborted),
        };
    }

    private static void Document(RouteHandlerBuilder route, string name, string summary, bool list = false, bool write = false)
    {
        route.WithName(name).WithSummary(summary).WithTags(Tag)
            .Produces<JsonObject>(StatusCodes.Status200OK, "application/json")
            .Produces<KubeStatus>(StatusCodes.Status400BadRequest)
            .Produces<KubeStatus>(StatusCodes.Status404NotFound);
        if (list)
        {
            route.WithDescription("Query: labelSelector, fieldSelector, limit, continue, resourceVersion, watch (true|1), " +
                "allowWatchBookmarks, timeoutSeconds, includeObject. A watch answers newline-delimited events " +
                "{\"type\":\"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR\",\"object\":{...}}. Accept " +
                "application/json;as=Table;v=v1;g=meta.k8s.io answers a Table.")
                .Produces<KubeStatus>(StatusCodes.Status410Gone);
        }
        if (write)
        {
            // Body formats are documented, not declared with Accepts(): that metadata would make
            // routing refuse other content types with a bare 415 instead of a Status.
            route.WithDescription("Body: the object as application/json or application/yaml; PATCH takes application/merge-patch+json, " +
                    "application/strategic-merge-patch+json, application/json-patch+json or application/apply-patch+yaml (server-side apply). " +
                    "A write that changes fields a Git source owns (self-heal on) is refused with 403 naming the file to edit.")
                .Produces<JsonObject>(StatusCodes.Status201Created, "application/json")
                .Produces<KubeStatus>(StatusCodes.Status403Forbidden)
                .Produces<KubeStatus>(StatusCodes.Status409Conflict)
                .Produces<KubeStatus>(StatusCodes.Status413PayloadTooLarge)
                .Produces<KubeStatus>(StatusCodes.Status422UnprocessableEntity);
        }
    }

    private static async Task<IResult> Handle(HttpContext httpContext, bool core, string? @namespace, string plural, string? name, bool status)
    {
        var services = httpContext.RequestServices;
        var group = core ? "" : (string)httpContext.GetRouteValue("group")!;
        var version = core ? "v1" : (string)httpContext.GetRouteValue("version")!;
        var (target, error) = ResourceTarget.Resolve(services.GetRequiredService<ResourceRegistry>(), group, version, @namespace, plural, name, status);
        if (target is null)
            return new StatusResult(error!);
        var method = httpContext.Request.Method;
        // A review kind is only answered (its create route is mapped apart): nothing to read or write here.
        if (!target.Resource.Definition.IsStored)
            return new StatusResult(KubeStatus.MethodNotAllowed(method, httpContext.Request.Path));
        if (target.Name is not null && target.Resource.Namespaced && target.Namespace is null)
            return new StatusResult(KubeStatus.NotFound(
                $"the server could not find the requested resource: {target.Resource.QualifiedPlural} are namespaced; use /namespaces/{{namespace}}/{target.Resource.Plural}/{target.Name}"));
        var cancellationToken = httpContext.RequestAborted;
        var reader = services.GetRequiredService<ResourceReader>();
        var writer = services.GetRequiredService<ResourceWriter>();
        return (method, target.Name is null) switch
        {
            ("GET", true) => await reader.ListAsync(httpContext, target, cancellationToken),
            ("GET", false) => await reader.GetAsync(httpContext, target, cancellationToken),
            ("POST", true) => await writer.CreateAsync(httpContext, target, cancellationToken),
            ("PUT", false) => await writer.ReplaceAsync(httpContext, target, cancellationToken),
            ("PATCH", false) => await writer.PatchAsync(httpContext, target, cancellationToken),
            ("DELETE", false) when !target.Status => await writer.DeleteAsync(httpContext, target, cancellationToken),
            _ => new StatusResult(KubeStatus.MethodNotAllowed(method, httpContext.Request.Path)),
        };
    }
}
