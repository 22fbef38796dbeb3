using GitOps.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GitOps.Gateway.Health;

/// <summary>Ready when the resource store answers (its schema, hence the migrations, is in place).</summary>
internal sealed class StoreHealthCheck(IResourceStore store) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var version = await store.GetCurrentResourceVersionAsync(timeout.Token);
            return HealthCheckResult.Healthy($"resource store reachable at resourceVersion {version}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the resource store did not answer: {e.Message}; check the database connection string and that migrations ran", e);
        }
    }
}
