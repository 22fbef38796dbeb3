using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans;
using Orleans.Runtime;

namespace GitOps.Gateway.Metrics;

internal static class MetricsEndpoints
{
    public static void MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/metrics", async (PrometheusMetrics registry, IGrainFactory grains, ILocalSiloDetails silo, CancellationToken cancellationToken) =>
            {
                // Sampled when scraped: Orleans keeps the count, the gateway only reports it.
                var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics([silo.SiloAddress]).WaitAsync(cancellationToken);
                registry.Gauge("gitops_grain_activations", "Grain activations in this silo.").Set(statistics.Sum(s => s.ActivationCount));
                return Results.Text(registry.Render(), "text/plain; version=0.0.4; charset=utf-8");
            })
            .WithName("getMetrics").WithSummary("Metrics in Prometheus text format").WithTags("Operations")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
    }
}
