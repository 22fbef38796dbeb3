using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Gateway.Edge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitOps.Gateway.Auth;

/// <summary>
/// <c>POST /apis/authentication.k8s.io/v1/selfsubjectreviews</c> (what <c>kubectl auth whoami</c> calls): who the
/// server takes the caller for, user name, uid and groups, as authentication established it. The body is not read
/// (it carries nothing; kubectl sends it as protobuf).
/// </summary>
internal static class SelfSubjectReviewEndpoint
{
    public static void MapSelfSubjectReview(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/apis/authentication.k8s.io/v1/selfsubjectreviews", Review)
            .WithMetadata(ReadsProtobufBody.Instance)
            .WithName("createAuthenticationV1SelfSubjectReview")
            .WithSummary("Who the caller is, as the server authenticated it (kubectl auth whoami)")
            .WithTags("Kubernetes resources")
            .Produces<JsonObject>(StatusCodes.Status201Created, "application/json");
    }

    private static IResult Review(HttpContext httpContext, TimeProvider time)
    {
        var user = httpContext.Features.Get<UserInfo>()
            ?? throw new InvalidOperationException("A SelfSubjectReview reached its endpoint without an authenticated user; the authentication middleware must run before it.");
        var userInfo = new JsonObject { ["username"] = user.Name };
        if (user.Uid.Length > 0)
            userInfo["uid"] = user.Uid;
        userInfo["groups"] = new JsonArray(user.Groups.Select(g => (JsonNode)JsonValue.Create(g)).ToArray());
        var review = new JsonObject
        {
            ["kind"] = "SelfSubjectReview",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject
            {
                ["creationTimestamp"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            },
            ["status"] = new JsonObject { ["userInfo"] = userInfo },
        };
        return Results.Json(review, statusCode: StatusCodes.Status201Created);
    }
}
