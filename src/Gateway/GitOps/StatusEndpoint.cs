using GitOps.GitSync.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace GitOps.Gateway.GitOpsApi;

/// <summary><c>GET /api/gitops/status</c>: the cached status document with its ETag; 304 when the client's copy is current.</summary>
internal static class StatusEndpoint
{
    public static async Task<IResult> Get(HttpRequest request, HttpResponse response, StatusDocumentCache cache, CancellationToken cancellationToken)
    {
        var snapshot = await cache.GetCurrentAsync(cancellationToken);
        response.Headers.ETag = snapshot.ETag;
        response.Headers.CacheControl = "no-cache";
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Equals(snapshot.ETag, StringComparison.Ordinal)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(snapshot.Json, "application/json");
    }
}
