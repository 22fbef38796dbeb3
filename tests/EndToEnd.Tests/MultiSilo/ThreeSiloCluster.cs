using GitOps.EndToEnd.Tests.Harness;

namespace GitOps.EndToEnd.Tests.MultiSilo;

/// <summary>Shared by the tests that leave the cluster whole: three silos on one database, no node agent.</summary>
public sealed class ThreeSiloCluster : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private MultiSiloCluster? _cluster;

    public MultiSiloCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is used before InitializeAsync completed.");

    public async Task InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        _cluster = await MultiSiloCluster.StartAsync(3, cancellation.Token);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
    }
}
