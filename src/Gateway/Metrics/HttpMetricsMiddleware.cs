using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitOps.Gateway.Metrics;

/// <summary>Counts requests by route template, method and code, and records their latency.</summary>
internal sealed class HttpMetricsMiddleware(RequestDelegate next, GatewayMetrics metrics)
{
    public async Task InvokeAsync(HttpContext httpContext)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(httpContext);
        }
        finally
        {
            var route = (httpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var method = httpContext.Request.Method;
            metrics.HttpRequests.Increment(route, method, StatusCodeText(httpContext.Response.StatusCode));
            metrics.HttpDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds, route, method);
        }
    }

    private static string StatusCodeText(int code) => code switch
    {
        200 => "200",
        201 => "201",
        404 => "404",
        _ => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
