using System.Text.Json.Nodes;
using GitOps.Gateway.Errors;
using GitOps.Gateway.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitOps.Gateway.Discovery;

/// <summary>
/// <c>/openapi/v3</c> and its per-group-version documents, which kubectl reads before create and
/// apply. <c>/openapi/v2</c> is not served (404): kubectl only needs it when v3 says the server does
/// not validate.
/// </summary>
internal static class OpenApiEndpoints
{
    private const string Tag = "Discovery";

    public static void MapOpenApiDocuments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/openapi/v3", (ResourceRegistry registry) => Json(OpenApiDocuments.Root(registry)))
            .WithName("getOpenApiV3").WithSummary("OpenAPI v3 index of group versions, for kubectl").WithTags(Tag).Produces<JsonObject>();
        endpoints.MapGet("/openapi/v3/api/{version}", (ResourceRegistry registry, string version) => GroupVersion(registry, "", version))
            .WithName("getOpenApiV3Core").WithSummary("OpenAPI v3 of the core group version, for kubectl").WithTags(Tag)
            .Produces<JsonObject>().Produces<KubeStatus>(StatusCodes.Status404NotFound);
        endpoints.MapGet("/openapi/v3/apis/{group}/{version}", (ResourceRegistry registry, string group, string version) => GroupVersion(registry, group, version))
            .WithName("getOpenApiV3Group").WithSummary("OpenAPI v3 of one group version, for kubectl").WithTags(Tag)
            .Produces<JsonObject>().Produces<KubeStatus>(StatusCodes.Status404NotFound);
    }

    private static IResult GroupVersion(ResourceRegistry registry, string group, string version) =>
        OpenApiDocuments.Serves(registry, group, version)
            ? Json(OpenApiDocuments.GroupVersion(registry, group, version))
            : new StatusResult(KubeStatus.NotFound($"no OpenAPI document for {(group.Length == 0 ? version : $"{group}/{version}")}: that group version is not served"));

    private static IResult Json(JsonObject document) => Results.Text(document.ToJsonString(), "application/json");
}
