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
/// authorizer allows it. A node's create also passes <see cref="NodeRestriction"/>. A request that no
/// authenticator has identified (no <see cref="UserInfo"/> feature: authentication is not configured in this
/// host) is let through unchanged.
/// </summary>
internal sealed class AuthorizationMiddleware(
    RequestDelegate next,
    AuthorizationChain chain,
    IOptions<GatewayOptions> options,
    ILogger<AuthorizationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext httpContext)
    {
        if (httpContext.Features.Get<UserInfo>() is not { } user)
        {
            await next(httpContext);
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
        AuthLog.Forbidden(logger, user.Name, attributes.Verb, attributes.Path, reason);
        await new StatusResult(Forbidden.StatusFor(attributes, reason)).ExecuteAsync(httpContext);
    }
}
