using Microsoft.AspNetCore.Http;

namespace GitOps.Gateway.Resources;

/// <summary>Content negotiation: kubectl asks for <c>application/json;as=Table;v=v1;g=meta.k8s.io</c> when it prints.</summary>
internal static class ResponseFormat
{
    public static bool WantsTable(HttpRequest request)
    {
        foreach (var accept in request.Headers.Accept)
        {
            if (accept is not null && accept.Contains("as=Table", StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}
