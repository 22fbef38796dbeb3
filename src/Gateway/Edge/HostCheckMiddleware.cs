using GitOps.Gateway.Errors;
using GitOps.Gateway.Hosting;
using Microsoft.AspNetCore.Http;

namespace GitOps.Gateway.Edge;

/// <summary>
/// Answers 400 with a Status to a request whose Host header names a host this silo does not serve
/// (<see cref="AllowedHosts"/>), so a page whose name was rebound by DNS to this silo's address cannot
/// use a browser to talk to it.
/// </summary>
internal sealed class HostCheckMiddleware(RequestDelegate next, AllowedHosts allowed)
{
    public Task InvokeAsync(HttpContext httpContext)
    {
        var host = httpContext.Request.Host;
        if (!host.HasValue || allowed.Accepts(host.Host))
            return next(httpContext);
        return new StatusResult(KubeStatus.BadRequest(
            $"this server does not serve the host \"{host.Host}\"; use one of {string.Join(", ", allowed.Names.Order(StringComparer.Ordinal))} or an IP address, " +
            $"or add it to {GatewayOptions.SectionName}:{nameof(GatewayOptions.AllowedHosts)}"))
            .ExecuteAsync(httpContext);
    }
}
