using System.Text.Json.Nodes;
using GitOps.Gateway.Auth.Hosting;
using GitOps.Gateway.Auth.Nodes;
using GitOps.Gateway.Auth.Rbac;
using GitOps.Gateway.Edge;
using GitOps.Gateway.Errors;
using GitOps.Gateway.Hosting;
using GitOps.Gateway.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Auth.Reviews;

/// <summary>
/// SelfSubjectAccessReview and SelfSubjectRulesReview (authorization.k8s.io/v1, create only): what the caller
/// may do, answered by the same <see cref="AuthorizationChain"/> that guards every request, so
/// <c>kubectl auth can-i</c> and <c>kubectl auth can-i --list</c> tell the truth.
/// </summary>
internal static class AccessReviewEndpoints
{
    private const string Tag = "Authorization";
    private const string Prefix = "/apis/authorization.k8s.io/v1";

    public static void MapAccessReviews(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost($"{Prefix}/selfsubjectaccessreviews", AccessReviewAsync)
            .WithMetadata(ReadsProtobufBody.Instance)
            .WithName("createSelfSubjectAccessReview").WithTags(Tag)
            .WithSummary("May I? Answers whether the caller may do what spec.resourceAttributes or spec.nonResourceAttributes describe (kubectl auth can-i)")
            .Produces<JsonObject>(StatusCodes.Status201Created, "application/json");
        endpoints.MapPost($"{Prefix}/selfsubjectrulesreviews", RulesReviewAsync)
            .WithMetadata(ReadsProtobufBody.Instance)
            .WithName("createSelfSubjectRulesReview").WithTags(Tag)
            .WithSummary("What may I do in spec.namespace? The RBAC rules that apply to the caller (kubectl auth can-i --list)")
            .Produces<JsonObject>(StatusCodes.Status201Created, "application/json");
    }

    private static async Task<IResult> AccessReviewAsync(HttpContext httpContext, AuthorizationChain chain, IOptions<GatewayOptions> options)
    {
        var (review, error) = await ReadAsync(httpContext, options.Value, "SelfSubjectAccessReview");
        if (review is null)
            return new StatusResult(error!);
        var user = httpContext.Features.Get<UserInfo>() ?? AuthorizationMiddleware.Unidentified;
        var spec = review["spec"] as JsonObject;
        RequestAttributes attributes;
        if (spec?["resourceAttributes"] is JsonObject resource && spec["nonResourceAttributes"] is null)
        {
            attributes = new RequestAttributes(user, Text(resource, "verb"), IsResourceRequest: true, Path: "",
                Text(resource, "group"), Text(resource, "version"), Text(resource, "resource"), Text(resource, "subresource"),
                Text(resource, "namespace"), Text(resource, "name"));
        }
        else if (spec?["nonResourceAttributes"] is JsonObject nonResource && spec["resourceAttributes"] is null)
        {
            attributes = new RequestAttributes(user, Text(nonResource, "verb"), IsResourceRequest: false, Text(nonResource, "path"));
        }
        else
        {
            return new StatusResult(Invalid("SelfSubjectAccessReview", "spec.resourceAttributes",
                "exactly one of spec.resourceAttributes and spec.nonResourceAttributes must be set"));
        }
        var decision = await chain.AuthorizeAsync(attributes, httpContext.RequestAborted);
        var status = new JsonObject { ["allowed"] = decision.Verdict == AuthorizationVerdict.Allow };
        if (decision.Verdict == AuthorizationVerdict.Deny)
            status["denied"] = true;
        if (decision.Reason.Length > 0)
            status["reason"] = decision.Reason;
        review["status"] = status;
        return Created(review);
    }

    private static async Task<IResult> RulesReviewAsync(HttpContext httpContext, RbacPolicy policy, IOptions<GatewayOptions> options)
    {
        var (review, error) = await ReadAsync(httpContext, options.Value, "SelfSubjectRulesReview");
        if (review is null)
            return new StatusResult(error!);
        var user = httpContext.Features.Get<UserInfo>() ?? AuthorizationMiddleware.Unidentified;
        var @namespace = (review["spec"] as JsonObject) is { } spec ? Text(spec, "namespace") : "";
        await policy.WaitUntilCurrentAsync(httpContext.RequestAborted);
        var errors = new List<string>();
        var resourceRules = new JsonArray();
        var nonResourceRules = new JsonArray();
        foreach (var rule in policy.GrantsFor(user, @namespace, errors).SelectMany(g => g.Rules))
            (rule.NonResourceUrls.Count > 0 ? nonResourceRules : resourceRules).Add(rule.ToJson());
        if (NodeIdentity.NodeNameOf(user) is { } node)
            errors.Add($"node \"{node}\" is authorized by the Node authorizer, which does not list rules; ask with a SelfSubjectAccessReview");
        var status = new JsonObject
        {
            ["resourceRules"] = resourceRules,
            ["nonResourceRules"] = nonResourceRules,
            ["incomplete"] = errors.Count > 0,
        };
        if (errors.Count > 0)
            status["evaluationError"] = string.Join("; ", errors);
        review["status"] = status;
        return Created(review);
    }

    private static async Task<(JsonObject? Review, KubeStatus? Error)> ReadAsync(HttpContext httpContext, GatewayOptions options, string kind)
    {
        var (body, readError) = await RequestBody.ReadAsync(httpContext.Request, options.MaxRequestBodyBytes, httpContext.RequestAborted);
        if (body is null)
            return (null, readError);
        if (ReadsProtobufBody.IsProtobuf(httpContext.Request.ContentType))
        {
            return ProtobufReview.Read(body) is { } decoded && JsonStrings.Of(decoded["kind"]) == kind
                ? (decoded, null)
                : (null, KubeStatus.BadRequest($"the body is not a {kind} in Kubernetes' protobuf encoding; send it as JSON or protobuf"));
        }
        var (obj, parseError) = ObjectBody.Parse(httpContext.Request.ContentType, body, options.MaxRequestBodyBytes);
        if (obj is null)
            return (null, parseError);
        if (obj.Kind.Length > 0 && obj.Kind != kind)
            return (null, KubeStatus.BadRequest($"the body is a {obj.Kind}; POST a {kind} here"));
        var review = obj.Root;
        review["apiVersion"] = "authorization.k8s.io/v1";
        review["kind"] = kind;
        review["metadata"] ??= new JsonObject();
        return (review, null);
    }

    private static IResult Created(JsonObject review) =>
        Results.Text(review.ToJsonString(), "application/json", statusCode: StatusCodes.Status201Created);

    private static KubeStatus Invalid(string kind, string field, string message) =>
        new(422, "Invalid", $"{kind}.authorization.k8s.io \"\" is invalid: {field}: Invalid value: {message}",
            new StatusDetails(null, "authorization.k8s.io", kind, [new StatusCause("FieldValueInvalid", message, field)]));

    private static string Text(JsonObject obj, string field) => JsonStrings.Of(obj[field]) ?? "";
}
