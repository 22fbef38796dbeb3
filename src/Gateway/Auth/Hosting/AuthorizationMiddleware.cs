using GitOps.Gateway.Auth.Nodes;
using GitOps.Gateway.Auth.Requests;
using GitOps.Gateway.Errors;
using GitOps.Gateway.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Auth.Hosting;

/// <summary>
/// Authorizes every request after authentication: resolves it to <see cref="RequestAttributes"/>, asks the
/// <see cref="AuthorizationChain"/>, and answers 403 with a Status naming the user, verb and resource when no
/// authorizer allows it. A node's create also passes <see cref="NodeRestriction"/>. The
/// <see cref="PublicEndpoints"/> authentication leaves open (health probes, webhook, dashboard page) are not
/// authorized either; any other request that reaches here without a <see cref="UserInfo"/> feature is decided
/// as <see cref="Unidentified"/>, so a path authentication missed is refused, not let through. Impersonation
/// headers are refused (400): impersonation is not served.
/// </summary>
internal sealed class AuthorizationMiddleware(
    RequestDelegate next,
    AuthorizationChain chain,
    IOptions<GatewayOptions> options,
    ILogger<AuthorizationMiddleware> logger)
{
    /// <summary>Who a request is when no authenticator identified it: anonymous, and in no privileged group.</summary>
    public static UserInfo Unidentified { get; } = new(AnonymousUser.Name, "", [UserInfo.UnauthenticatedGroup]);

    public async Task InvokeAsync(HttpContext httpContext)
    {
        var user = httpContext.Features.Get<UserInfo>();
        if (user is null && PublicEndpoints.Contains(httpContext.Request))
        {
            await next(httpContext);
            return;
        }
        user ??= Unidentified;
        if (httpContext.Request.Headers.Keys.Any(k => k.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase)))
        {
            // Answering for the caller instead would make `kubectl auth can-i --as jane` lie.
            await new StatusResult(KubeStatus.BadRequest(
                    "impersonation (the Impersonate-* headers, kubectl --as and --as-group) is not supported by this server; send the other user's own token instead"))
                .ExecuteAsync(httpContext);
            return;
        }
        var cancellationToken = httpContext.RequestAborted;
        var attributes = RequestAttributesResolver.Resolve(httpContext.Request, user);
        var decision = await chain.AuthorizeAsync(attributes, cancellationToken);
        var reason = decision.Reason;
        if (decision.Verdict == AuthorizationVerdict.Allow)
        {
            var restricted = await NodeRestriction.CheckCreateAsync(httpContext.Request, attributes, options.Value.MaxRequestBodyBytes, cancellationToken);
            if (restricted is null)
            {
                await next(httpContext);
                return;
            }
            reason = restricted;
        }
        AuthorizationLog.Forbidden(logger, user.Name, attributes.Verb, attributes.Path, reason);
        await new StatusResult(Forbidden.StatusFor(attributes, reason)).ExecuteAsync(httpContext);
    }
}
