using GitOps.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace GitOps.Gateway.Health;

/// <summary>Ready when the grain runtime is registered and the host has started its hosted services (the runtime among them).</summary>
internal sealed class GrainRuntimeHealthCheck(IHostApplicationLifetime lifetime, GrainRuntime? runtime = null) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            runtime is null ? HealthCheckResult.Unhealthy("no grain runtime is registered; call services.AddGrainRuntime(...)")
            : lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("the grain runtime is stopping")
            : !lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Unhealthy("the grain runtime has not started yet")
            : HealthCheckResult.Healthy($"{runtime.ActivationCount} activations"));
}
