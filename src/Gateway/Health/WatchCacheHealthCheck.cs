using GitOps.Gateway.Watch;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GitOps.Gateway.Health;

/// <summary>Ready when the watch cache has caught up with the change log and is following it.</summary>
internal sealed class WatchCacheHealthCheck(WatchCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            !cache.IsReady ? HealthCheckResult.Unhealthy("the watch cache is still reading the change log")
            : cache.LastError is { } error ? HealthCheckResult.Unhealthy($"the watch cache cannot read the change log: {error}")
            : HealthCheckResult.Healthy($"following the change log at resourceVersion {cache.Head}"));
}
