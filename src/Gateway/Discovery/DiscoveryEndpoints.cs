using System.Text.Json.Nodes;
using GitOps.Gateway.Errors;
using GitOps.Gateway.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitOps.Gateway.Discovery;

/// <summary>
/// <c>/version</c>, <c>/api</c>, <c>/apis</c>, <c>/api/v1</c>, <c>/apis/{group}</c> and
/// <c>/apis/{group}/{version}</c>. Only the legacy discovery format is served: kubectl asks for the
/// aggregated format first and falls back to this one when the answer is plain application/json.
/// </summary>
internal static class DiscoveryEndpoints
{
    private const string Tag = "Discovery";

    public static void MapDiscovery(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/version", () => Results.Json(VersionInfo.Current))
            .WithName("getVersion").WithSummary("The server's version, as kubectl version reads it").WithTags(Tag)
            .Produces<VersionInfo>();
        endpoints.MapGet("/api", (HttpContext c) => Json(DiscoveryDocuments.CoreVersions($"{c.Request.Host}")))
            .WithName("getCoreApiVersions").WithSummary("APIVersions of the core group").WithTags(Tag).Produces<JsonObject>();
        endpoints.MapGet("/apis", (ResourceRegistry registry) => Json(DiscoveryDocuments.GroupList(registry)))
            .WithName("getApiGroups").WithSummary("APIGroupList: every non-core group and its versions").WithTags(Tag).Produces<JsonObject>();
        endpoints.MapGet("/api/v1", (ResourceRegistry registry) => Json(DiscoveryDocuments.ResourceList(registry, "", "v1")))
            .WithName("getCoreApiResources").WithSummary("APIResourceList of the core group: names, short names, categories, verbs").WithTags(Tag).Produces<JsonObject>();
        endpoints.MapGet("/apis/{group}", (ResourceRegistry registry, string group) =>
                DiscoveryDocuments.Group(registry, group) is { } document
                    ? Json(document)
                    : new StatusResult(KubeStatus.NotFound($"the server could not find the requested resource: no API group \"{group}\" is served")))
            .WithName("getApiGroup").WithSummary("APIGroup: the versions of one group").WithTags(Tag)
            .Produces<JsonObject>().Produces<KubeStatus>(StatusCodes.Status404NotFound);
        endpoints.MapGet("/apis/{group}/{version}", (ResourceRegistry registry, string group, string version) =>
                registry.HasGroupVersion(group, version)
                    ? Json(DiscoveryDocuments.ResourceList(registry, group, version))
                    : new StatusResult(KubeStatus.NotFound($"the server could not find the requested resource: no API group version \"{group}/{version}\" is served")))
            .WithName("getApiGroupResources").WithSummary("APIResourceList of one group version").WithTags(Tag)
            .Produces<JsonObject>().Produces<KubeStatus>(StatusCodes.Status404NotFound);
    }

    private static IResult Json(JsonObject document) =>
        Results.Text(document.ToJsonString(), "application/json");
}
