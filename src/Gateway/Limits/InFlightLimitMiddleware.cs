using GitOps.Gateway.Hosting;
using GitOps.Gateway.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Limits;

/// <summary>
/// Bounds the requests this silo answers at once, as kube-apiserver's max-in-flight filter does: reads and
/// writes have separate limits (<see cref="GatewayOptions.MaxRequestsInFlight"/>,
/// <see cref="GatewayOptions.MaxMutatingRequestsInFlight"/>), a request beyond its limit is refused at once
/// with 429 and Retry-After (never queued), and long-running requests (watches) are not counted here; they
/// have their own bound, <see cref="GatewayOptions.MaxWatchers"/>. Health, readiness and metrics are never
/// refused, so an overloaded silo stays observable.
/// </summary>
internal sealed class InFlightLimitMiddleware(RequestDelegate next, GatewayMetrics metrics, IOptions<GatewayOptions> options)
{
    private readonly GatewayOptions _options = options.Value;
    // Index 0: reads in flight, 1: writes.
    private readonly int[] _inFlight = new int[2];

    public async Task InvokeAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (IsExempt(request))
        {
            await next(httpContext);
            return;
        }
        var mutating = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        var pool = mutating ? 1 : 0;
        var limit = mutating ? _options.MaxMutatingRequestsInFlight : _options.MaxRequestsInFlight;
        if (Interlocked.Increment(ref _inFlight[pool]) > limit)
        {
            Interlocked.Decrement(ref _inFlight[pool]);
            var setting = $"{GatewayOptions.SectionName}:{(mutating ? nameof(GatewayOptions.MaxMutatingRequestsInFlight) : nameof(GatewayOptions.MaxRequestsInFlight))}";
            await TooManyRequestsResponse.WriteAsync(httpContext, metrics, setting,
                $"too many {(mutating ? "writes" : "reads")} in flight on this silo (limit {limit}, setting {setting}); retry after {TooManyRequestsResponse.RetryAfterSeconds} s");
            return;
        }
        try
        {
            await next(httpContext);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight[pool]);
        }
    }

    private static bool IsExempt(HttpRequest request) =>
        request.Path.StartsWithSegments("/healthz") || request.Path.StartsWithSegments("/livez") || request.Path.StartsWithSegments("/readyz") || request.Path.StartsWithSegments("/metrics")
        || (HttpMethods.IsGet(request.Method) && request.Query["watch"] is var watch && (watch == "true" || watch == "1"));
}
