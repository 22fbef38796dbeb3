using System.Net;
using System.Net.Sockets;
using GitOps.TestSupport;

namespace GitOps.EndToEnd.Tests.Harness;

/// <summary>
/// A silo process on a fresh PostgreSQL database, syncing one Git repository, plus a node agent
/// process: the product as a user runs it. Controller timings are shortened so node failure is
/// observable within a test.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private SiloCluster(StartedProcess silo, ClusterClient client)
    {
        Silo = silo;
        Client = client;
    }

    public StartedProcess Silo { get; }

    public StartedProcess? Agent { get; private set; }

    public ClusterClient Client { get; }

    public StartedProcess[] Processes => Agent is null ? [Silo] : [Silo, Agent];

    public static async Task<SiloCluster> StartAsync(GitRepository repository, CancellationToken cancellationToken)
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("e2e");
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["GitOps__Storage__Provider"] = "PostgreSql",
            ["ConnectionStrings__GitOps"] = connectionString,
            ["GitOps__Cluster__SiloPort"] = FreePort().ToString(),
            ["GitOps__Cluster__GatewayPort"] = FreePort().ToString(),
            ["GitOps__SimulatedNodes"] = "0",
            ["GitOps__CacheDirectory"] = Path.Combine(Path.GetTempPath(), $"gitops-e2e-cache-{Guid.NewGuid():N}"),
            ["GitOps__Sources__0__Name"] = "e2e",
            ["GitOps__Sources__0__Url"] = repository.Url,
            ["GitOps__Sources__0__Branch"] = "main",
            ["GitOps__Sources__0__PollInterval"] = "2s",
            ["GitOps__Controllers__NodeGracePeriod"] = "00:00:05",
            ["GitOps__Controllers__PodEvictionTimeout"] = "00:00:03",
            ["GitOps__Controllers__NodeMonitorPeriod"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var silo = StartedProcess.Start("Silo", [], environment);
        var cluster = new SiloCluster(silo, new ClusterClient(new Uri($"http://127.0.0.1:{port}")));
        await Eventually.HoldsAsync("the silo to be ready",
            async ct => (await cluster.Client.IsReadyAsync(ct), "/readyz not 200"), TimeSpan.FromSeconds(60), silo);
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
        await Silo.DisposeAsync();
        Client.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
