using System.Text.RegularExpressions;
using GitOps.TestSupport;

namespace GitOps.EndToEnd.Tests.Harness;

/// <summary>
/// Several silo processes on one fresh PostgreSQL database, forming one Orleans cluster (ADO.NET
/// clustering), each with its own silo, gateway and HTTP ports, plus an optional simulated node
/// agent talking to all of them. No source is configured: tests add theirs through the GitOps API.
/// Controller timings are shortened as in <see cref="SiloCluster"/>.
/// </summary>
public sealed partial class MultiSiloCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private MultiSiloCluster(IReadOnlyList<SiloProcess> silos) => Silos = silos;

    /// <summary>The silos in start order, named A, B, C, ...</summary>
    public IReadOnlyList<SiloProcess> Silos { get; }

    public StartedProcess? Agent { get; private set; }

    /// <summary>The processes expected to stay up: the silos not killed or stopped by the test, and the agent.</summary>
    public StartedProcess[] LiveProcesses =>
        [.. Silos.Where(s => s.IsExpectedUp).Select(s => s.Process), .. Agent is null ? Array.Empty<StartedProcess>() : [Agent]];

    /// <summary>
    /// Starts <paramref name="count"/> silos: the first alone (it applies the migrations to the empty
    /// database), then the others together; returns once every silo is ready and sees all of them active.
    /// </summary>
    public static async Task<MultiSiloCluster> StartAsync(int count, CancellationToken cancellationToken)
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("e2e_multi");
        var silos = new List<SiloProcess>();
        var cluster = new MultiSiloCluster(silos);
        try
        {
            silos.Add(SiloProcess.Start(NameOf(0), connectionString));
            await WaitReadyAsync(silos[0], cancellationToken);
            for (var i = 1; i < count; i++)
                silos.Add(SiloProcess.Start(NameOf(i), connectionString));
            await Task.WhenAll(silos.Skip(1).Select(s => WaitReadyAsync(s, cancellationToken)));
            await cluster.WaitForActiveSilosAsync(silos, count, StartTimeout);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the node agent with the given runtime arguments, naming every silo as a server, heartbeating every second.</summary>
    public void StartAgent(params string[] arguments)
    {
        var servers = Silos.SelectMany(s => new[] { "--server", s.Client.Server.ToString().TrimEnd('/') });
        Agent = StartedProcess.Start("NodeAgent",
            [.. servers, "--heartbeat-interval", "1s", "--node-status-interval", "2s", "--lease-duration", "5s", .. arguments],
            new Dictionary<string, string>());
    }

    /// <summary>The silo whose Orleans address (<c>ip:port@generation</c>, as the API shows it) is <paramref name="siloAddress"/>.</summary>
    public SiloProcess SiloAt(string siloAddress)
    {
        var match = SiloAddressPattern().Match(siloAddress);
        Assert.True(match.Success, $"'{siloAddress}' is not a silo address (ip:port@generation).");
        var port = int.Parse(match.Groups["port"].Value);
        return Silos.SingleOrDefault(s => s.SiloPort == port)
               ?? throw new InvalidOperationException($"No silo of this cluster listens on silo port {port} ({siloAddress}).");
    }

    /// <summary>
    /// Waits until each of <paramref name="observers"/> is ready and its membership counts exactly
    /// <paramref name="active"/> active silos (as /readyz reports it).
    /// </summary>
    public Task WaitForActiveSilosAsync(IEnumerable<SiloProcess> observers, int active, TimeSpan timeout) =>
        Task.WhenAll(observers.Select(silo => Eventually.HoldsAsync($"silo {silo.Name} to see {active} active silos", async ct =>
        {
            using var request = CancellationTokenSource.CreateLinkedTokenSource(ct);
            request.CancelAfter(TimeSpan.FromSeconds(5));
            var (ready, report) = await silo.Client.ReadinessAsync(request.Token);
            return (ready && report.Contains($"({active} active silos)", StringComparison.Ordinal), report);
        }, timeout, LiveProcesses)));

    public async ValueTask DisposeAsync()
    {
        if (Agent is not null)
            await Agent.DisposeAsync();
        foreach (var silo in Silos)
            await silo.DisposeAsync();
    }

    private static string NameOf(int index) => ((char)('A' + index)).ToString();

    private static Task WaitReadyAsync(SiloProcess silo, CancellationToken cancellationToken) =>
        Eventually.HoldsAsync($"silo {silo.Name} to be ready",
            async ct => (await silo.Client.IsReadyAsync(ct), "/readyz not 200"), StartTimeout, silo.Process);

    [GeneratedRegex(@":(?<port>\d+)@\d+$")]
    private static partial Regex SiloAddressPattern();
}
