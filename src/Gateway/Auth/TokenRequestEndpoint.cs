using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Gateway.Edge;
using GitOps.Gateway.Errors;
using GitOps.Gateway.Hosting;
using GitOps.Gateway.Registry;
using GitOps.Gateway.Resources;
using GitOps.Model.Objects;
using GitOps.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Auth;

/// <summary>
/// The TokenRequest subresource (<c>POST /api/v1/namespaces/NS/serviceaccounts/NAME/token</c>, what
/// <c>kubectl create token NAME</c> calls): a signed token for the ServiceAccount, valid for
/// <c>spec.expirationSeconds</c> (default one hour, at least 10 minutes, at most <see cref="AuthOptions.MaxServiceAccountTokenSeconds"/>).
/// </summary>
internal static class TokenRequestEndpoint
{
    public static void MapTokenRequest(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/namespaces/{namespace}/serviceaccounts/{name}/token", CreateAsync)
            .WithMetadata(ReadsProtobufBody.Instance)
            .WithName("createCoreNamespacedServiceAccountToken")
            .WithSummary("Issue a token for a ServiceAccount (authentication.k8s.io/v1 TokenRequest; kubectl create token)")
            .WithTags("Kubernetes resources")
            .Produces<JsonObject>(StatusCodes.Status201Created, "application/json")
            .Produces<KubeStatus>(StatusCodes.Status404NotFound)
            .Produces<KubeStatus>(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext httpContext, string @namespace, string name, IResourceStore store, ResourceRegistry registry, ServiceAccountTokens tokens,
        IOptions<AuthOptions> authOptions, IOptions<GatewayOptions> gatewayOptions, CancellationToken cancellationToken)
    {
        var resource = registry.Find("", "v1", "serviceaccounts")!;
        var (body, readError) = await RequestBody.ReadAsync(httpContext.Request, gatewayOptions.Value.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
            return new StatusResult(readError!);
        var protobuf = ReadsProtobufBody.IsProtobuf(httpContext.Request.ContentType);
        var (node, parseError) = protobuf ? ReadProtobuf(body) : RequestBody.ParseJson(body);
        if (node is not JsonObject request)
            return new StatusResult(parseError ?? KubeStatus.BadRequest("the TokenRequest must be a JSON object"));
        var (spec, causes) = ReadSpec(request, authOptions.Value, tokens.ApiAudience);
        if (causes.Count > 0)
            return new StatusResult(new KubeStatus(422, "Invalid", $"TokenRequest.authentication.k8s.io \"{name}\" is invalid: {string.Join(", ", causes.Select(c => $"{c.Field}: {c.Message}"))}",
                new StatusDetails(name, "authentication.k8s.io", "TokenRequest", causes)));

        var account = await store.GetAsync(new ResourceKey("", "ServiceAccount", @namespace, name), cancellationToken);
        if (account?.Metadata.Uid is not { } uid)
            return new StatusResult(KubeStatus.NotFound(resource, name));
        var (token, expires) = tokens.Issue(new ServiceAccountIdentity(@namespace, name, uid), spec.Audiences, spec.Lifetime);
        var answer = new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = @namespace,
                ["creationTimestamp"] = Timestamp(expires - spec.Lifetime),
            },
            ["spec"] = new JsonObject
            {
                ["audiences"] = new JsonArray(spec.Audiences.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
                ["expirationSeconds"] = (long)spec.Lifetime.TotalSeconds,
                ["boundObjectRef"] = null,
            },
            ["status"] = new JsonObject { ["token"] = token, ["expirationTimestamp"] = Timestamp(expires) },
        };
        return Results.Json(answer, statusCode: StatusCodes.Status201Created);
    }

    private static (JsonNode? Node, KubeStatus? Error) ReadProtobuf(byte[] body)
    {
        var (request, error) = TokenRequestProtobuf.Read(body);
        return (request, error is null ? null : KubeStatus.BadRequest(error));
    }

    private static (TokenRequestSpec Spec, List<StatusCause> Causes) ReadSpec(JsonObject request, AuthOptions options, string apiAudience)
    {
        var causes = new List<StatusCause>();
        var spec = request["spec"] as JsonObject;
        var seconds = (long)AuthOptions.DefaultServiceAccountTokenSeconds;
        if (spec?["expirationSeconds"] is JsonValue given)
        {
            if (!given.TryGetValue(out seconds))
                causes.Add(new StatusCause("FieldValueInvalid", "must be a whole number of seconds", "spec.expirationSeconds"));
            else if (seconds < AuthOptions.MinServiceAccountTokenSeconds)
                causes.Add(new StatusCause("FieldValueInvalid", $"may not specify a duration less than {AuthOptions.MinServiceAccountTokenSeconds / 60} minutes", "spec.expirationSeconds"));
        }
        seconds = Math.Min(seconds, options.MaxServiceAccountTokenSeconds);
        var audiences = new List<string>();
        if (spec?["audiences"] is JsonArray list)
        {
            foreach (var audience in list)
            {
                if (audience is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0)
                    audiences.Add(text);
                else
                    causes.Add(new StatusCause("FieldValueInvalid", "each audience must be a non-empty string", "spec.audiences"));
            }
        }
        if (spec?["boundObjectRef"] is JsonObject)
            causes.Add(new StatusCause("FieldValueNotSupported", "tokens bound to a Pod or Secret are not supported; ask for a token without --bound-object-kind", "spec.boundObjectRef"));
        return (new TokenRequestSpec(audiences.Count > 0 ? audiences : [apiAudience], TimeSpan.FromSeconds(seconds)), causes);
    }

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
