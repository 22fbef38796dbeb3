using Microsoft.AspNetCore.Http;

namespace GitOps.Gateway.Auth;

/// <summary>
/// The requests answered without authentication (and so without authorization): the health probes, as kube-apiserver
/// leaves /healthz, /livez and /readyz open; the Git webhook, which proves itself with its own secret; and the dashboard's
/// page, a static shell that holds no data (everything it shows comes from the authenticated API, with the token typed into it).
/// </summary>
public static class PublicEndpoints
{
    private static readonly PathString[] Probes = ["/healthz", "/livez", "/readyz"];

    public static bool Contains(HttpRequest request)
    {
        var path = request.Path;
        if (Probes.Any(p => path.StartsWithSegments(p)))
            return true;
        if (HttpMethods.IsPost(request.Method))
            return path.Equals("/api/gitops/webhook", StringComparison.Ordinal);
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && (path.Equals("/", StringComparison.Ordinal) || path.Equals("/dashboard", StringComparison.Ordinal));
    }
}
