using GitOps.TestSupport;

namespace GitOps.EndToEnd.Tests.Harness;

/// <summary>
/// A silo process on a fresh PostgreSQL database, syncing one Git repository, plus a node agent
/// process: the product as a user runs it. Controller timings are shortened so node failure is
/// observable within a test.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly SiloProcess _silo;

    private SiloCluster(SiloProcess silo) => _silo = silo;

    public StartedProcess Silo => _silo.Process;

    public StartedProcess? Agent { get; private set; }

    public ClusterClient Client => _silo.Client;

    public StartedProcess[] Processes => Agent is null ? [Silo] : [Silo, Agent];

    public static async Task<SiloCluster> StartAsync(GitRepository repository, CancellationToken cancellationToken)
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("e2e");
        var cluster = new SiloCluster(SiloProcess.Start("A", connectionString, new Dictionary<string, string>
        {
            ["GitOps__Sources__0__Name"] = "e2e",
            ["GitOps__Sources__0__Url"] = repository.Url,
            ["GitOps__Sources__0__Branch"] = "main",
            ["GitOps__Sources__0__PollInterval"] = "2s",
        }));
        await Eventually.HoldsAsync("the silo to be ready",
            async ct => (await cluster.Client.IsReadyAsync(ct), "/readyz not 200"), TimeSpan.FromSeconds(60), cluster.Silo);
        return cluster;
    }

    /// <summary>Starts the node agent process with the given runtime arguments, heartbeating every second.</summary>
    public void StartAgent(params string[] arguments)
    {
        Agent = StartedProcess.Start("NodeAgent",
            ["--server", Client.Server.ToString().TrimEnd('/'), "--heartbeat-interval", "1s", "--node-status-interval", "2s",
             "--lease-duration", "5s", "--control-stdin", .. arguments],
            new Dictionary<string, string>());
    }

    public async ValueTask DisposeAsync()
    {
        if (Agent is not null)
            await Agent.DisposeAsync();
        await _silo.DisposeAsync();
    }
}
