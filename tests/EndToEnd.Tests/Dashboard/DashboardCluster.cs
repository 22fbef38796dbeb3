using GitOps.EndToEnd.Tests.Harness;

namespace GitOps.EndToEnd.Tests.Dashboard;

/// <summary>
/// Shared by the dashboard tests: a silo on PostgreSQL syncing a real Git repository that holds the
/// storefront at 2 replicas, and a node agent simulating 3 nodes. Each test opens its own browser:
/// Chromium remembers a missing favicon for the rest of its life, so a shared one would hide it.
/// </summary>
public sealed class DashboardCluster : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private GitRepository? _repository;
    private SiloCluster? _cluster;

    public GitRepository Repository => _repository ?? throw NotStarted();

    public SiloCluster Cluster => _cluster ?? throw NotStarted();

    public string FirstCommit { get; private set; } = "";

    public Uri DashboardUrl => new(Cluster.Client.Server, "/dashboard");

    public async Task InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        var ct = cancellation.Token;
        _repository = await GitRepository.CreateAsync(ct);
        FirstCommit = await _repository.CommitAsync("Run the storefront", DashboardManifests.Storefront(replicas: 2), ct);
        _cluster = await SiloCluster.StartAsync(_repository, ct);
        _cluster.StartAgent("--runtime", "simulated", "--nodes", "3", "--name-prefix", "dash-node", "--start-delay", "100ms");
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        _repository?.Dispose();
    }

    private static InvalidOperationException NotStarted() => new("The dashboard cluster is used before InitializeAsync completed.");
}
