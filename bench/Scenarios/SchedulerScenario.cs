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
using GitOps.Store.Memory;
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
/// Scheduler throughput, measured as kube-scheduler's scheduler_perf does: Node objects (no agent) and
/// pending pods are written through resource grains first; then the controllers start as the silo runs
/// them (dispatcher, scheduler, events, the other controllers) and the change log is followed until
/// every pod is bound.
/// </summary>
public sealed class SchedulerScenario : IScenario
{
    public string Name => "scheduler";

    public string Description => "Scheduler: pods bound per second at N nodes; options --nodes (1000) --pods (10000) --callers (200) --postgres (1: PostgreSQL store) --batch (scheduler batch size)";

    public async Task RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var nodes = arguments.GetInt("nodes", 1_000);
        var pods = arguments.GetInt("pods", 10_000);
        var callers = arguments.GetInt("callers", 200);
        var postgres = arguments.GetInt("postgres", 2) == 1;
        var batch = arguments.GetInt("batch", ControllerOptions.DefaultSchedulerBatchSize);
        var target = nodes >= 5_000 ? 800 : 1_000;
        var load = MachineInfo.LoadAverage();

        IResourceStore store;
        if (postgres)
        {
            var server = await PostgresServer.GetAsync(durable: true);
            var connectionString = await server.CreateDatabaseOnServerAsync("bench_scheduler");
            await using (var dataSource = NpgsqlDataSource.Create(connectionString))
                await new PostgreSqlMigrator(dataSource, NullLogger<PostgreSqlMigrator>.Instance).MigrateAsync(cancellationToken);
            store = new PostgreSqlResourceStore(new PostgreSqlResourceStoreOptions { ConnectionString = connectionString });
        }
        else
        {
            store = new MemoryResourceStore();
        }

        // Phase 1, without controllers: nodes and pending pods, written through resource grains.
        Stopwatch registering;
        using (var writer = BuildHost(store, withControllers: false))
        {
            await writer.StartAsync(cancellationToken);
            registering = Stopwatch.StartNew();
            var grains = writer.Services.GetRequiredService<IGrainFactory>();
            await ClusterSeed.ForEachAsync(nodes, callers, i => ClusterSeed.CreateAsync(grains, ClusterSeed.ReadyNode($"node-{i:00000}", "32", "128Gi", 110).Object, cancellationToken));
            await ClusterSeed.ForEachAsync(pods, callers, i => ClusterSeed.CreateAsync(grains, Pod($"pod-{i:000000}").Object, cancellationToken));
            registering.Stop();
            await writer.StopAsync(cancellationToken);
        }

        // Phase 2: start the controllers as the silo does and time the scheduler binding every pending pod.
        var from = await store.GetCurrentResourceVersionAsync(cancellationToken);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var follow = FollowBindsAsync(store, from, pods, clock, cancellationToken);
        using var host = BuildHost(store, withControllers: true, batch);
        await host.StartAsync(cancellationToken);
        var binds = await follow;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        await host.StopAsync(CancellationToken.None);
        if (store is IAsyncDisposable disposable)
            await disposable.DisposeAsync();

        var bindWindow = binds.LastBind - binds.FirstBind;
        var bindRate = binds.Bound / Math.Max(bindWindow.TotalSeconds, 0.001);
        var fromStart = binds.Bound / Math.Max(binds.LastBind.TotalSeconds, 0.001);
        output.WriteLine($"scheduler on {MachineInfo.Describe()}; load average before the run {load}; store: {(postgres ? "PostgreSQL (fsync on)" : "memory")}; scheduler batch {batch}; pods request 100m cpu / 128Mi; all pods pending before the controllers start");
        output.WriteLine();
        output.WriteLine(MarkdownTable.Render(
            ["nodes", "pods bound", "nodes + pods written in", "all bound after start", "bound/s (first→last bind)", "bound/s (from start)", "CPU s used", "binds per CPU-second", "most pods on a node", "target", "ratio"],
            [[
                nodes.ToString("N0", CultureInfo.InvariantCulture),
                $"{binds.Bound:N0}/{pods:N0}",
                $"{registering.Elapsed.TotalSeconds:F1} s",
                $"{binds.LastBind.TotalSeconds:F1} s",
                bindRate.ToString("N0", CultureInfo.InvariantCulture),
                fromStart.ToString("N0", CultureInfo.InvariantCulture),
                $"{cpu.TotalSeconds:F1} s",
                (binds.Bound / Math.Max(cpu.TotalSeconds, 0.001)).ToString("N0", CultureInfo.InvariantCulture),
                binds.MostOnOneNode.ToString(CultureInfo.InvariantCulture),
                $"≥ {target:N0}/s",
                $"{bindRate / target:F2}",
            ]]));
    }

    // Grain state and reminders stay in memory: the resource grains keep theirs in the resource store.
    private static IHost BuildHost(IResourceStore store, bool withControllers, int batch = ControllerOptions.DefaultSchedulerBatchSize)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        BenchSilo.ConfigureLogging(builder.Logging);
        builder.AddGrainRuntime(null, TestCluster.UseFreePorts);
        builder.Services.AddSingleton(store);
        if (!withControllers)
            return builder.Build();
        builder.Services.AddControllers(new ConfigurationBuilder().Build());
        // Nodes here never heartbeat: keep the lifecycle controller from declaring them lost mid-run.
        builder.Services.Configure<ControllerOptions>(o =>
        {
            o.NodeGracePeriod = TimeSpan.FromHours(1);
            o.SchedulerBatchSize = batch;
        });
        return builder.Build();
    }

    private static async Task<BindCounts> FollowBindsAsync(IResourceStore store, long from, int expected, Stopwatch clock, CancellationToken cancellationToken)
    {
        var bound = new HashSet<ResourceKey>();
        var perNode = new Dictionary<string, int>(StringComparer.Ordinal);
        TimeSpan? first = null;
        var last = TimeSpan.Zero;
        var cursor = from;
        var deadline = TimeSpan.FromMinutes(5);
        while (bound.Count < expected && clock.Elapsed < deadline)
        {
            var batch = await store.ReadChangesAsync(cursor, 5_000, cancellationToken);
            if (batch.Expired)
                throw new InvalidOperationException("The change log was compacted during the run; the bench cannot count binds.");
            foreach (var change in batch.Events)
            {
                cursor = change.ResourceVersion;
                if (change.Key.Kind != Model.Kinds.Pod.Kind || change.Type == ChangeType.Deleted)
                    continue;
                var nodeName = change.Object.Spec?["nodeName"]?.GetValue<string>();
                if (string.IsNullOrEmpty(nodeName) || !bound.Add(change.Key))
                    continue;
                perNode[nodeName] = perNode.GetValueOrDefault(nodeName) + 1;
                first ??= clock.Elapsed;
                last = clock.Elapsed;
            }
            if (batch.Events.Count == 0)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(TimeSpan.FromSeconds(1));
                await store.WaitForChangesAsync(cursor, wait.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        return new BindCounts(bound.Count, first ?? TimeSpan.Zero, last, perNode.Count == 0 ? 0 : perNode.Values.Max());
    }

    private static Pod Pod(string name)
    {
        var pod = Model.Kinds.Pod.Create("bench", name);
        pod.Metadata.SetLabel("app", "bench");
        pod.Spec.AddContainer("main", "registry.example/app:1").SetRequests(new Dictionary<string, Quantity>
        {
            [ResourceNames.Cpu] = Quantity.Parse("100m"),
            [ResourceNames.Memory] = Quantity.Parse("128Mi"),
        });
        return pod;
    }

    private sealed record BindCounts(int Bound, TimeSpan FirstBind, TimeSpan LastBind, int MostOnOneNode);
}
