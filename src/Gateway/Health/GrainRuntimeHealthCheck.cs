using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace GitOps.Gateway.Health;

/// <summary>Ready when this silo is an active member of its Orleans cluster, so grain calls can be placed.</summary>
internal sealed class GrainRuntimeHealthCheck(ILocalSiloDetails silo, IClusterMembershipService membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(silo.SiloAddress);
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {silo.SiloAddress} is active in cluster {silo.ClusterId} ({active} active silos)")
            : HealthCheckResult.Unhealthy($"silo {silo.SiloAddress} is {status} in cluster {silo.ClusterId}, not yet (or no longer) active"));
    }
}
