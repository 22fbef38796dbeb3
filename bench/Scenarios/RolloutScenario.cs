using System.Diagnostics;
using System.Globalization;
using GitOps.Bench.Harness;
using GitOps.Grains.Controllers;
using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Hosting;
using GitOps.Grains.Resources;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Model.Quantities;
using GitOps.Store;
using GitOps.Store.Migrations;
using GitOps.Store.PostgreSql;
using GitOps.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GitOps.Bench.Scenarios;

/// <summary>
/// Deployment rollout at scale, measured twice as Kubernetes' density test (clusterloader2) does: first a
/// burst (one Deployment of <c>--replicas</c> created at once: time until every pod is Running and the
/// Deployment reports them available, and each pod's startup latency), then, with that saturation
/// Deployment running, <c>--latency-pods</c> single-replica Deployments created at a steady
/// <c>--latency-rate</c> per second, whose pods' startup latency is the figure Kubernetes' SLO is about.
/// The controllers run as in the silo (dispatcher, Deployment, ReplicaSet, scheduler, events, ...); pod
/// start is simulated in-process by <see cref="SimulatedKubelet"/>.
/// </summary>
public sealed class RolloutScenario : IScenario
{
    private const string BurstNamespace = "bench";
    private const string LatencyNamespace = "bench-latency";

    public string Name => "rollout";

    public string Description => "Deployment rollout: Deployment created → all pods Running, then steady latency pods; options --nodes (100) --replicas (1000) " +
        "--postgres (1 = PostgreSQL, 2 = memory) --start-delay (0 s) --kubelet-writers (one per node) --latency-pods (100) --latency-rate (10 per second)";

    public async Task RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var nodes = arguments.GetInt("nodes", 100);
        var replicas = arguments.GetInt("replicas", 1_000);
        var postgres = arguments.GetInt("postgres", 1) == 1;
        var writers = arguments.GetInt("kubelet-writers", nodes);
        var latencyPods = arguments.GetInt("latency-pods", 100);
        var latencyRate = arguments.GetInt("latency-rate", 10);
        var startDelay = arguments.GetSeconds("start-delay", 0.000_001);
        if (startDelay < TimeSpan.FromMilliseconds(1))
            startDelay = TimeSpan.Zero;

        string? connectionString = null;
        if (postgres)
        {
            var server = await PostgresServer.GetAsync(durable: true);
            connectionString = await server.CreateDatabaseOnServerAsync("bench_rollout");
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await new PostgreSqlMigrator(dataSource, NullLogger<PostgreSqlMigrator>.Instance).MigrateAsync(cancellationToken);
        }
        await using var store = connectionString is null
            ? null
            : new PostgreSqlResourceStore(new PostgreSqlResourceStoreOptions { ConnectionString = connectionString });
        using var host = BuildHost(store, connectionString);
        await host.StartAsync(cancellationToken);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var resources = host.Services.GetRequiredService<IResourceStore>();

        var registering = Stopwatch.StartNew();
        await ClusterSeed.ForEachAsync(nodes, 64, i => ClusterSeed.CreateAsync(grains, ClusterSeed.ReadyNode($"node-{i:00000}", "64", "256Gi", Math.Max(110, (replicas + latencyPods) / nodes * 2 + 10)).Object, cancellationToken));
        registering.Stop();
        var loadBefore = MachineInfo.LoadAverage();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        var kubelet = new SimulatedKubelet(grains, resources, clock, startDelay, writers);
        var following = kubelet.RunAsync(await resources.GetCurrentResourceVersionAsync(cancellationToken), stop.Token);

        var created = clock.Elapsed;
        await ClusterSeed.CreateAsync(grains, Deployment(BurstNamespace, "web", replicas).Object, cancellationToken);
        var allRunning = await kubelet.WaitForRunningAsync(BurstNamespace, replicas, TimeSpan.FromMinutes(10), cancellationToken);
        var available = await WaitForAvailableAsync(resources, replicas, clock, cancellationToken);

        await CreateAtRateAsync(latencyPods, latencyRate, i => ClusterSeed.CreateAsync(grains, Deployment(LatencyNamespace, $"latency-{i:000}", 1).Object, cancellationToken), cancellationToken);
        await kubelet.WaitForRunningAsync(LatencyNamespace, latencyPods, TimeSpan.FromMinutes(2), cancellationToken);
        var loadAfter = MachineInfo.LoadAverage();
        await stop.CancelAsync();
        await following.ContinueWith(_ => { }, TaskScheduler.Default);
        await host.StopAsync(CancellationToken.None);

        var target = TimeSpan.FromSeconds(10 * Math.Max(1, replicas / 1_000.0));
        var runningAfter = allRunning - created;
        output.WriteLine($"rollout on {MachineInfo.Describe()}; load average {loadBefore} before, {loadAfter} after; store: {(postgres ? "PostgreSQL (fsync on)" : "memory")}; " +
            $"simulated start delay {startDelay.TotalMilliseconds:F0} ms; {writers} concurrent kubelet status writers; nodes registered in {registering.Elapsed.TotalSeconds:F1} s");
        output.WriteLine();
        output.WriteLine(MarkdownTable.Render(
            ["nodes", "replicas Running", "all Running after", "Deployment available after", "pods/s", "target (Running)", "ratio"],
            [[
                nodes.ToString("N0", CultureInfo.InvariantCulture),
                $"{kubelet.RunningIn(BurstNamespace):N0}/{replicas:N0}",
                $"{runningAfter.TotalSeconds:F1} s",
                available is { } a ? $"{(a - created).TotalSeconds:F1} s" : "not within 2 min",
                (kubelet.RunningIn(BurstNamespace) / Math.Max(runningAfter.TotalSeconds, 0.001)).ToString("N0", CultureInfo.InvariantCulture),
                replicas == 1_000 ? "≤ 10 s" : $"≤ {target.TotalSeconds:F0} s (10 s per 1,000)",
                $"{runningAfter / target:F2}",
            ]]));
        output.WriteLine();
        output.WriteLine(MarkdownTable.Render(
            ["pod startup (creation → Running)", "pods Running", "p50", "p90", "p99", "create→bind p50", "create→bind p99", "target p99", "ratio"],
            [
                LatencyRow($"burst: one Deployment of {replicas:N0} created at once", kubelet, BurstNamespace, replicas),
                LatencyRow($"steady: {latencyPods:N0} single-pod Deployments at {latencyRate}/s after the burst", kubelet, LatencyNamespace, latencyPods),
            ]));
    }

    private static string[] LatencyRow(string measurement, SimulatedKubelet kubelet, string @namespace, int expected)
    {
        var startup = kubelet.StartupLatencies(@namespace);
        var binding = kubelet.BindLatencies(@namespace);
        return
        [
            measurement,
            $"{startup.Count:N0}/{expected:N0}",
            $"{Percentile(startup, 0.50).TotalMilliseconds:F0} ms",
            $"{Percentile(startup, 0.90).TotalMilliseconds:F0} ms",
            $"{Percentile(startup, 0.99).TotalMilliseconds:F0} ms",
            $"{Percentile(binding, 0.50).TotalMilliseconds:F0} ms",
            $"{Percentile(binding, 0.99).TotalMilliseconds:F0} ms",
            "≤ 1000 ms",
            $"{Percentile(startup, 0.99).TotalMilliseconds / 1000:F2}",
        ];
    }

    /// <summary>Starts <paramref name="count"/> operations at <paramref name="perSecond"/>, each on its own schedule (a slow one does not delay the next), and waits for all.</summary>
    private static async Task CreateAtRateAsync(int count, int perSecond, Func<int, Task> operation, CancellationToken cancellationToken)
    {
        var pacing = Stopwatch.StartNew();
        var started = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond) - pacing.Elapsed;
            if (due > TimeSpan.Zero)
                await Task.Delay(due, cancellationToken);
            started.Add(operation(i));
        }
        await Task.WhenAll(started);
    }

    private static IHost BuildHost(PostgreSqlResourceStore? store, string? connectionString)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        BenchSilo.ConfigureLogging(builder.Logging);
        // The migrations ran before the host is built: Orleans' ADO.NET tables exist when the silo joins.
        builder.AddGrainRuntime(connectionString, TestCluster.UseFreePorts);
        if (store is null)
            builder.Services.AddMemoryResourceStore();
        else
            builder.Services.AddSingleton<IResourceStore>(store);
        builder.Services.AddControllers(new ConfigurationBuilder().Build());
        // Nodes here never heartbeat: keep the lifecycle controller from declaring them lost mid-run.
        builder.Services.Configure<ControllerOptions>(o => o.NodeGracePeriod = TimeSpan.FromHours(1));
        return builder.Build();
    }

    private static async Task<TimeSpan?> WaitForAvailableAsync(IResourceStore store, int replicas, Stopwatch clock, CancellationToken cancellationToken)
    {
        var key = new ResourceKey("apps", Model.Kinds.Deployment.Kind, BurstNamespace, "web");
        var deadline = clock.Elapsed + TimeSpan.FromMinutes(2);
        while (clock.Elapsed < deadline)
        {
            if (await store.GetAsync(key, cancellationToken) is { } obj && new Deployment(obj) is { AvailableReplicas: var available, UpdatedReplicas: var updated }
                && available == replicas && updated == replicas)
                return clock.Elapsed;
            await Task.Delay(10, cancellationToken);
        }
        return null;
    }

    private static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double p) =>
        sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static Deployment Deployment(string @namespace, string name, int replicas)
    {
        var deployment = Model.Kinds.Deployment.Create(@namespace, name);
        deployment.Replicas = replicas;
        deployment.Object.EnsureSpec()["selector"] = new System.Text.Json.Nodes.JsonObject
        {
            ["matchLabels"] = new System.Text.Json.Nodes.JsonObject { ["app"] = name },
        };
        deployment.Template.Metadata.SetLabel("app", name);
        deployment.Template.Spec.AddContainer("main", "registry.example/web:1").SetRequests(new Dictionary<string, Quantity>
        {
            [ResourceNames.Cpu] = Quantity.Parse("10m"),
            [ResourceNames.Memory] = Quantity.Parse("16Mi"),
        });
        return deployment;
    }
}
