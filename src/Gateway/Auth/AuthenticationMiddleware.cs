using GitOps.Gateway.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Auth;

/// <summary>
/// Establishes who is calling, as kube-apiserver's authentication filter does: the bearer token of the Authorization
/// header is offered to each <see cref="ITokenAuthenticator"/> in turn; the user it proves (plus group
/// system:authenticated) becomes the request's <see cref="UserInfo"/> feature. A missing, unknown or refused token is
/// answered 401 with a Status (reason Unauthorized); without a token under the test-only anonymous switch the caller is
/// <see cref="AnonymousUser"/>. <see cref="PublicEndpoints"/> pass through untouched.
/// </summary>
internal sealed class AuthenticationMiddleware(
    RequestDelegate next,
    IEnumerable<ITokenAuthenticator> authenticators,
    IOptions<AuthOptions> options,
    ILogger<AuthenticationMiddleware> logger)
{
    private const string BearerPrefix = "Bearer ";
    private readonly ITokenAuthenticator[] _authenticators = authenticators.ToArray();

    public async Task InvokeAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (PublicEndpoints.Contains(request))
        {
            await next(httpContext);
            return;
        }
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            if (!options.Value.AllowAnonymous)
            {
                await RefuseAsync(httpContext, "Unauthorized: this request has no bearer token; send one (Authorization: Bearer TOKEN, or kubectl with a kubeconfig that has a token)");
                return;
            }
            httpContext.Features.Set(AnonymousUser.Instance);
            await next(httpContext);
            return;
        }
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || authorization.Length == BearerPrefix.Length)
        {
            await RefuseAsync(httpContext, "Unauthorized: the Authorization header is not 'Bearer TOKEN'; only bearer tokens are accepted");
            return;
        }
        var token = authorization[BearerPrefix.Length..].Trim();
        foreach (var authenticator in _authenticators)
        {
            var result = await authenticator.AuthenticateAsync(token, httpContext.RequestAborted);
            if (result.User is { } user)
            {
                httpContext.Features.Set(user.IsInGroup(UserInfo.AuthenticatedGroup) ? user : user with { Groups = [.. user.Groups, UserInfo.AuthenticatedGroup] });
                await next(httpContext);
                return;
            }
            if (result.Failure is { } reason)
            {
                AuthLog.TokenRefused(logger, request.Method, request.Path, reason);
                await RefuseAsync(httpContext, "Unauthorized");
                return;
            }
        }
        AuthLog.TokenRefused(logger, request.Method, request.Path, "no authenticator knows the token");
        await RefuseAsync(httpContext, "Unauthorized");
    }

    private static Task RefuseAsync(HttpContext httpContext, string message) =>
        new StatusResult(new KubeStatus(StatusCodes.Status401Unauthorized, "Unauthorized", message)).ExecuteAsync(httpContext);
}
