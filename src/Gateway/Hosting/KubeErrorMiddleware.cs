using GitOps.Gateway.Errors;
using GitOps.Gateway.Logging;
using GitOps.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace GitOps.Gateway.Hosting;

/// <summary>
/// Makes every error under the Kubernetes paths a Status object: unmatched routes (404), methods
/// a route does not take (405), malformed requests Kestrel rejects, a silo that is stopping or a
/// grain whose silo just died, a resource store whose database is unreachable (503 with Retry-After,
/// so clients retry, here or on another silo), and any unexpected exception (500, logged with the request
/// under a correlation id, the request's trace identifier, which the answer carries instead of the exception's text).
/// </summary>
internal sealed class KubeErrorMiddleware(RequestDelegate next, IHostApplicationLifetime lifetime, ILogger<KubeErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext httpContext)
    {
        try
        {
            await next(httpContext);
        }
        catch (BadHttpRequestException e) when (!httpContext.Response.HasStarted)
        {
            var status = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? new KubeStatus(413, "RequestEntityTooLarge", e.Message)
                : KubeStatus.BadRequest(e.Message);
            await new StatusResult(status).ExecuteAsync(httpContext);
            return;
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (!httpContext.Response.HasStarted && Unavailable(e) is { } why)
        {
            httpContext.Response.Headers.RetryAfter = "1";
            await new StatusResult(KubeStatus.ServiceUnavailable(why)).ExecuteAsync(httpContext);
            return;
        }
        catch (SecretDecryptionException e) when (!httpContext.Response.HasStarted)
        {
            // Its message names the Secret and the key id, never its data: the caller learns which key to restore.
            GatewayLog.RequestFailed(logger, httpContext.Request.Method, httpContext.Request.Path, httpContext.TraceIdentifier, e);
            await new StatusResult(KubeStatus.InternalError(e.Message)).ExecuteAsync(httpContext);
            return;
        }
        catch (Exception e) when (!httpContext.Response.HasStarted)
        {
            // The exception's text may describe internals (connection strings, paths, stack details): it stays in the log.
            GatewayLog.RequestFailed(logger, httpContext.Request.Method, httpContext.Request.Path, httpContext.TraceIdentifier, e);
            await new StatusResult(KubeStatus.InternalError(
                    $"an unexpected error occurred answering {httpContext.Request.Method} {httpContext.Request.Path}; the server's log has the details under correlation id {httpContext.TraceIdentifier}"))
                .ExecuteAsync(httpContext);
            return;
        }

        if (httpContext.Response.HasStarted || !IsKubernetesPath(httpContext.Request.Path))
            return;
        if (httpContext.Response.StatusCode == StatusCodes.Status404NotFound && httpContext.Response.ContentLength is null)
            await new StatusResult(KubeStatus.NotFound("the server could not find the requested resource")).ExecuteAsync(httpContext);
        else if (httpContext.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
            await new StatusResult(KubeStatus.MethodNotAllowed(httpContext.Request.Method, httpContext.Request.Path)).ExecuteAsync(httpContext);
    }

    /// <summary>Why the request may succeed if retried: this silo is stopping, the cluster is moving a grain off a dead silo, or the database is down.</summary>
    private string? Unavailable(Exception e) => e switch
    {
        _ when ResourceStoreUnavailableException.FindIn(e) is { } store => store.Message,
        OperationCanceledException when lifetime.ApplicationStopping.IsCancellationRequested =>
            "this silo is shutting down; retry, here or on another silo of the cluster",
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException =>
            $"the cluster could not reach the grain that serves this request ({e.Message}); a silo may have just left, retry in a moment",
        _ => null,
    };

    // The GitOps API lives under /api/gitops and answers its own errors.
    private static bool IsKubernetesPath(PathString path) =>
        (path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/gitops")) || path.StartsWithSegments("/apis");
}
