using System.Globalization;
using GitOps.Gateway.Hosting;
using GitOps.TestSupport;

namespace GitOps.Bench.Harness;

/// <summary>
/// <c>src/Silo</c>'s build as a process of its own, for the scenarios that measure the service as it runs: on
/// PostgreSQL, serving HTTP at the given address without authentication, on free cluster ports, with no nodes of
/// its own and no example source. Scenario settings are added to (or replace) those.
/// </summary>
public static class BenchSiloProcess
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Starts the silo and returns once it answers <c>/readyz</c>; a silo that exits or never gets ready fails with its output.</summary>
    public static async Task<StartedProcess> StartAsync(string address, string connectionString, IReadOnlyDictionary<string, string> settings,
        CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = address,
            ["GitOps__Storage__Provider"] = "PostgreSql",
            ["ConnectionStrings__GitOps"] = connectionString,
            ["GitOps__Cluster__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["GitOps__Cluster__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["GitOps__SimulatedNodes"] = "0",
            ["GitOps__Example__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            [AnonymousAccess.EnvironmentVariable] = "true",
        };
        foreach (var (name, value) in settings)
            environment[name] = value;
        var silo = StartedProcess.Start("Silo", [], environment);
        try
        {
            await WaitUntilReadyAsync(address, silo, cancellationToken);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    private static async Task WaitUntilReadyAsync(string address, StartedProcess silo, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (silo.HasExited)
                throw new InvalidOperationException($"The silo exited at start:{Environment.NewLine}{silo.RecentOutput}");
            try
            {
                using var ready = await http.GetAsync("/readyz", cancellationToken);
                if (ready.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(500, cancellationToken);
        }
        throw new TimeoutException($"The silo was not ready within {StartTimeout.TotalSeconds:0} s:{Environment.NewLine}{silo.RecentOutput}");
    }
}
