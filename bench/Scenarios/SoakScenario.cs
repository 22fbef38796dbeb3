using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Bench.Harness;
using GitOps.TestSupport;
using Npgsql;

namespace GitOps.Bench.Scenarios;

/// <summary>
/// An hour of a small cluster's life compressed into <c>--minutes</c>, against the real processes: a Silo on durable
/// PostgreSQL syncing a Git repository, and node agent processes with simulated nodes. The workload keeps committing
/// to the repository, scaling Deployments through the API, deleting pods, and killing (kill -9) and restarting node
/// agents; every <c>--sample-seconds</c> it records the silo's memory (RSS, GC heap), open file descriptors, threads,
/// grain activations and the store's size. The time-based retention settings are compressed with the run (change-log
/// retention 2 min and at least 2,000 events kept, Event TTL 3 min, idle grains collected after 2.5 min), so the silo
/// and its store reach their steady state within it. It ends by checking that every
/// Deployment converged, and reports the growth of memory and descriptors after the warm-up.
/// </summary>
public sealed class SoakScenario : IScenario
{
    public string Name => "soak";

    public string Description => "Soak: an hour compressed into --minutes (10) against a Silo and node agent processes on PostgreSQL; " +
        "options --git-deployments (20) --api-deployments (10) --agents (2) --nodes-per-agent (4) --sample-seconds (30) --warmup-minutes (3)";

    public async Task RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var minutes = arguments.GetInt("minutes", 10);
        var settings = new SoakSettings(
            TimeSpan.FromMinutes(minutes),
            TimeSpan.FromMinutes(Math.Min(arguments.GetInt("warmup-minutes", 3), minutes - 1)),
            arguments.GetSeconds("sample-seconds", 30),
            arguments.GetInt("git-deployments", 20),
            arguments.GetInt("api-deployments", 10),
            arguments.GetInt("agents", 2),
            arguments.GetInt("nodes-per-agent", 4),
            CommitInterval: TimeSpan.FromSeconds(20),
            ScaleInterval: TimeSpan.FromSeconds(10),
            PodDeleteInterval: TimeSpan.FromSeconds(5),
            AgentKillInterval: TimeSpan.FromSeconds(60),
            AgentDowntime: TimeSpan.FromSeconds(25));
        var root = Path.Combine(Path.GetTempPath(), $"gitops-bench-soak-{Guid.NewGuid():n}");
        var repository = Path.Combine(root, "repo");
        var server = await PostgresServer.GetAsync(durable: true);
        var connectionString = await server.CreateDatabaseOnServerAsync("bench_soak");
        var address = $"http://127.0.0.1:{FreePorts.Next()}";
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        var workload = new SoakWorkload(http, repository, settings, i => StartedProcess.Start("NodeAgent",
            ["--server", address, "--runtime", "simulated", "--nodes", settings.NodesPerAgent.ToString(CultureInfo.InvariantCulture),
             "--name-prefix", $"soak-a{i}", "--max-pods", "60", "--start-delay", "500ms", "--heartbeat-interval", "2s",
             "--node-status-interval", "10s", "--lease-duration", "10s"],
            new Dictionary<string, string>()));

        GitSyncScenario.Git(repository, "init", "--quiet", "--initial-branch", "main");
        workload.WriteManifests("initial");
        StartedProcess? silo = null;
        try
        {
            silo = await BenchSiloProcess.StartAsync(address, connectionString, SiloSettings(repository, root), cancellationToken);
            workload.StartAgents();
            await workload.CreateApiDeploymentsAsync(cancellationToken);
            var clock = Stopwatch.StartNew();
            var nodes = settings.Agents * settings.NodesPerAgent;
            var initial = await WaitForConvergenceAsync(http, settings.GitDeployments + settings.ApiDeployments, nodes, TimeSpan.FromMinutes(5), cancellationToken);
            output.WriteLine($"initial convergence of {settings.GitDeployments + settings.ApiDeployments} Deployments: {(initial.Count == 0 ? $"{clock.Elapsed.TotalSeconds:F0} s" : "not within 5 min: " + string.Join("; ", initial))}");

            var loadBefore = MachineInfo.LoadAverage();
            using var stop = new CancellationTokenSource(settings.Duration);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, cancellationToken);
            clock.Restart();
            var samples = new List<SoakSample>();
            var activity = workload.RunAsync(linked.Token);
            await SampleAsync(http, silo, connectionString, clock, settings.SampleInterval, samples, output, linked.Token);
            await activity;
            cancellationToken.ThrowIfCancellationRequested();

            workload.RestartStoppedAgents();
            var converging = Stopwatch.StartNew();
            // The nodes of an agent killed just before the end are still Ready until NodeGracePeriod (10 s) passes: look after it.
            await Task.Delay(TimeSpan.FromSeconds(15), cancellationToken);
            var unconverged = await WaitForConvergenceAsync(http, settings.GitDeployments + settings.ApiDeployments, nodes, TimeSpan.FromMinutes(5), cancellationToken);
            samples.Add(await SampleOnceAsync(http, silo, connectionString, clock, cancellationToken));
            Report(output, settings, samples, workload.Counts, loadBefore, unconverged, converging.Elapsed, silo);
        }
        finally
        {
            foreach (var agent in workload.Agents)
            {
                if (agent is not null)
                    await agent.DisposeAsync();
            }
            if (silo is not null)
                await silo.DisposeAsync();
            GitSyncScenario.TryDelete(root);
        }
    }

    // The run's time-based settings, compressed with it (see the summary above).
    private static Dictionary<string, string> SiloSettings(string repository, string root) => new()
    {
        ["GitOps__CacheDirectory"] = Path.Combine(root, "cache"),
        ["GitOps__Sources__0__Name"] = "soak",
        ["GitOps__Sources__0__Url"] = "file://" + repository,
        ["GitOps__Sources__0__PollInterval"] = "5s",
        ["GitOps__Controllers__NodeGracePeriod"] = "00:00:10",
        ["GitOps__Controllers__PodEvictionTimeout"] = "00:00:05",
        ["GitOps__Controllers__NodeMonitorPeriod"] = "00:00:01",
        ["GitOps__Controllers__EventTtl"] = "00:03:00",
        ["GitOps__Store__Compaction__Interval"] = "00:00:30",
        ["GitOps__Store__Compaction__Retention"] = "00:02:00",
        ["GitOps__Store__Compaction__KeepLatest"] = "2000",
        ["GitOps__Cluster__CollectionAge"] = "00:02:30",
    };

    /// <summary>
    /// Waits until every node is Ready and every Deployment has its replicas updated, ready and available, both at once
    /// (a node agent killed just before would otherwise still count as Ready, its pods as running); answers what did not.
    /// </summary>
    private static async Task<IReadOnlyList<string>> WaitForConvergenceAsync(HttpClient http, int expected, int nodes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<string> pending = ["not listed yet"];
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var ready = JsonNode.Parse(await http.GetStringAsync("/api/v1/nodes", cancellationToken))!["items"]!.AsArray()
                    .Count(n => n!["status"]?["conditions"]?.AsArray().Any(c => c!["type"]!.GetValue<string>() == "Ready" && c["status"]!.GetValue<string>() == "True") == true);
                var list = JsonNode.Parse(await http.GetStringAsync("/apis/apps/v1/deployments", cancellationToken))!["items"]!.AsArray();
                pending = list.Count < expected ? [$"{list.Count} of {expected} Deployments exist"] : list.Select(Unconverged).OfType<string>().ToList();
                if (ready < nodes)
                    pending = [$"{ready} of {nodes} nodes Ready", .. pending];
                if (pending.Count == 0)
                    return pending;
            }
            catch (HttpRequestException e)
            {
                pending = [e.Message];
            }
            await Task.Delay(1_000, cancellationToken);
        }
        return pending;
    }

    private static string? Unconverged(JsonNode? deployment)
    {
        var metadata = deployment!["metadata"]!;
        var wanted = deployment["spec"]?["replicas"]?.GetValue<int>() ?? 1;
        var status = deployment["status"];
        int Count(string field) => status?[field]?.GetValue<int>() ?? 0;
        var generation = metadata["generation"]?.GetValue<long>() ?? 0;
        var observed = status?["observedGeneration"]?.GetValue<long>() ?? 0;
        return observed >= generation && Count("replicas") == wanted && Count("updatedReplicas") == wanted
            && Count("readyReplicas") == wanted && Count("availableReplicas") == wanted
            ? null
            : $"{metadata["namespace"]}/{metadata["name"]}: {wanted} wanted, {Count("updatedReplicas")} updated, {Count("availableReplicas")} available, generation {observed}/{generation}";
    }

    private static async Task SampleAsync(HttpClient http, StartedProcess silo, string connectionString, Stopwatch clock, TimeSpan every,
        List<SoakSample> samples, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var sample = await SampleOnceAsync(http, silo, connectionString, clock, cancellationToken);
                samples.Add(sample);
                output.WriteLine(string.Join(" | ", Row(sample)));
                await Task.Delay(every, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run's time is up.
        }
    }

    private static async Task<SoakSample> SampleOnceAsync(HttpClient http, StartedProcess silo, string connectionString, Stopwatch clock, CancellationToken cancellationToken)
    {
        if (silo.HasExited)
            throw new InvalidOperationException($"The silo exited during the soak:{Environment.NewLine}{silo.RecentOutput}");
        var status = File.ReadAllLines($"/proc/{silo.Id}/status");
        long Field(string name) => long.Parse(status.First(l => l.StartsWith(name + ":", StringComparison.Ordinal)).Split(':', ' ', '\t')
            .Where(p => p.Length > 0).ElementAt(1), CultureInfo.InvariantCulture);
        var metrics = await http.GetStringAsync("/metrics", cancellationToken);
        long Metric(string name) => (long)double.Parse(metrics.Split('\n').First(l => l.StartsWith(name + " ", StringComparison.Ordinal)).Split(' ')[1], CultureInfo.InvariantCulture);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(
            "SELECT pg_database_size(current_database()), (SELECT count(*) FROM resources), (SELECT count(*) FROM resources WHERE kind = 'Pod'), " +
            "(SELECT count(*) FROM resource_changes)", connection);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new SoakSample(clock.Elapsed, Field("VmRSS") * 1024, Metric("dotnet_gc_heap_bytes"), Directory.GetFiles($"/proc/{silo.Id}/fd").Length,
            (int)Field("Threads"), Metric("gitops_grain_activations"), reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
            MachineInfo.LoadAverage());
    }

    private static readonly string[] Headers =
        ["time", "RSS", "GC heap", "open fds", "threads", "activations", "database", "objects", "pods", "change-log rows", "load (1 min)"];

    private static string[] Row(SoakSample s) =>
    [
        $"{s.At.TotalMinutes:F1} min", Megabytes(s.ResidentBytes), Megabytes(s.GcHeapBytes), s.OpenFds.ToString(CultureInfo.InvariantCulture),
        s.Threads.ToString(CultureInfo.InvariantCulture), s.Activations.ToString("N0", CultureInfo.InvariantCulture), Megabytes(s.DatabaseBytes),
        s.Objects.ToString("N0", CultureInfo.InvariantCulture), s.Pods.ToString("N0", CultureInfo.InvariantCulture),
        s.ChangeLogRows.ToString("N0", CultureInfo.InvariantCulture), s.Load,
    ];

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):F0} MB";

    private static void Report(TextWriter output, SoakSettings settings, List<SoakSample> samples, string counts, string loadBefore,
        IReadOnlyList<string> unconverged, TimeSpan converging, StartedProcess silo)
    {
        output.WriteLine();
        output.WriteLine($"soak on {MachineInfo.Describe()}; {settings.Duration.TotalMinutes:F0} min, load average {loadBefore} at the start; " +
            $"{settings.GitDeployments} Git-managed and {settings.ApiDeployments} API-managed Deployments, {settings.Agents} node agent processes of " +
            $"{settings.NodesPerAgent} simulated nodes; a commit every {settings.CommitInterval.TotalSeconds:F0} s, a scaling every " +
            $"{settings.ScaleInterval.TotalSeconds:F0} s, a pod deletion every {settings.PodDeleteInterval.TotalSeconds:F0} s, a node agent killed every " +
            $"{settings.AgentKillInterval.TotalSeconds:F0} s for {settings.AgentDowntime.TotalSeconds:F0} s");
        output.WriteLine($"done: {counts}");
        output.WriteLine();
        output.WriteLine(MarkdownTable.Render(Headers, samples.Select(Row)));
        var warm = samples.Where(s => s.At >= settings.WarmUp).ToList();
        if (warm.Count >= 2)
        {
            var (first, last) = (warm[0], warm[^1]);
            output.WriteLine($"after the warm-up ({settings.WarmUp.TotalMinutes:F0} min): RSS {Megabytes(first.ResidentBytes)} → {Megabytes(last.ResidentBytes)} " +
                $"(slope {Slope(warm, s => s.ResidentBytes) / (1024 * 1024):F2} MB/min), GC heap {Megabytes(first.GcHeapBytes)} → {Megabytes(last.GcHeapBytes)} " +
                $"(slope {Slope(warm, s => s.GcHeapBytes) / (1024 * 1024):F2} MB/min), open fds {first.OpenFds} → {last.OpenFds} (max {warm.Max(s => s.OpenFds)}), " +
                $"threads {first.Threads} → {last.Threads} (max {warm.Max(s => s.Threads)}), change-log rows {first.ChangeLogRows:N0} → {last.ChangeLogRows:N0}");
        }
        output.WriteLine(unconverged.Count == 0
            ? $"every node Ready and every Deployment converged {converging.TotalSeconds:F0} s after the activity stopped (15 s of it waited on purpose)"
            : $"NOT CONVERGED after 5 min: {string.Join("; ", unconverged)}{Environment.NewLine}silo output:{Environment.NewLine}{silo.RecentOutput}");
    }

    /// <summary>Least-squares slope per minute.</summary>
    private static double Slope(IReadOnlyList<SoakSample> samples, Func<SoakSample, long> value)
    {
        var xs = samples.Select(s => s.At.TotalMinutes).ToList();
        var ys = samples.Select(s => (double)value(s)).ToList();
        var (mx, my) = (xs.Average(), ys.Average());
        var denominator = xs.Sum(x => (x - mx) * (x - mx));
        return denominator == 0 ? 0 : xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my)) / denominator;
    }
}
