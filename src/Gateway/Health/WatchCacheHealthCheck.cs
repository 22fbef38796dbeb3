using GitOps.Gateway.Watch;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GitOps.Gateway.Health;

/// <summary>
/// Ready when the watch cache has caught up with the change log and is following it; a read that fails
/// (such as a Secret whose key the key file no longer lists) is reported, before and after the first catch-up.
/// </summary>
internal sealed class WatchCacheHealthCheck(WatchCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            cache.LastError is { } error ? HealthCheckResult.Unhealthy($"the watch cache cannot read the change log: {error}")
            : !cache.IsReady ? HealthCheckResult.Unhealthy("the watch cache is still reading the change log")
            : HealthCheckResult.Healthy($"following the change log at resourceVersion {cache.Head}"));
}
