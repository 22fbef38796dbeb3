using Microsoft.AspNetCore.Http;

namespace GitOps.Gateway.Watch;

/// <summary>Runs a watch stream as the answer to a request.</summary>
internal sealed class WatchResult(WatchStream stream, WatchRequest request) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => stream.RunAsync(httpContext, request);
}
