using GitOps.Runtime;
using GitOps.Runtime.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Gateway.Metrics;

internal static class MetricsEndpoints
{
    public static void MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/metrics", (HttpContext httpContext, PrometheusMetrics registry) =>
            {
                // Sampled when scraped: the runtime keeps the count, the gateway only reports it.
                if (httpContext.RequestServices.GetService<GrainRuntime>() is { } runtime)
                    registry.Gauge("gitops_grain_activations", "Grain activations in this silo.").Set(runtime.ActivationCount);
                return Results.Text(registry.Render(), "text/plain; version=0.0.4; charset=utf-8");
            })
            .WithName("getMetrics").WithSummary("Metrics in Prometheus text format").WithTags("Operations")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
    }
}
