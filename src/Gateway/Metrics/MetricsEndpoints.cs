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
                RecordProcess(registry);
                return Results.Text(registry.Render(), "text/plain; version=0.0.4; charset=utf-8");
            })
            .WithName("getMetrics").WithSummary("Metrics in Prometheus text format").WithTags("Operations")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
    }

    // The process's own resources, sampled when scraped, so a leak shows as a rising line (the soak bench reads them too).
    private static void RecordProcess(PrometheusMetrics registry)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        registry.Gauge("process_resident_memory_bytes", "Resident memory of this silo's process.").Set(process.WorkingSet64);
        registry.Gauge("process_threads", "Threads of this silo's process.").Set(process.Threads.Count);
        if (Directory.Exists("/proc/self/fd"))
            registry.Gauge("process_open_fds", "Open file descriptors (files, sockets, pipes) of this silo's process.").Set(Directory.GetFiles("/proc/self/fd").Length);
        registry.Gauge("dotnet_gc_heap_bytes", "The managed heap's size after the last garbage collection.").Set(GC.GetGCMemoryInfo().HeapSizeBytes);
        registry.Gauge("dotnet_gc_allocated_bytes", "The managed heap's live and not yet collected bytes now.").Set(GC.GetTotalMemory(forceFullCollection: false));
    }
}
