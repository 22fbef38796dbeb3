using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using GitOps.Bench.Harness;
using GitOps.Grains.Controllers;
using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Resources;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Model.Quantities;
using GitOps.Runtime;
using GitOps.Runtime.Migrations;
using GitOps.Store;
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
/// Deployment rollout at scale: registers Node objects through resource grains, then creates one
/// Deployment and measures until every pod is Running and the Deployment reports them available. The
/// controllers run as in the silo (dispatcher, Deployment, ReplicaSet, scheduler, events, ...). Pod
/// start is simulated in-process by a kubelet stand-in that follows the change log and writes each bound
/// pod's status (Running, Ready, an IP) through its resource grain after an optional start delay.
/// </summary>
public sealed class RolloutScenario : IScenario
{
    public string Name => "rollout";

    public string Description => "Deployment rollout: Deployment created → all pods Running; options --nodes (100) --replicas (1000) --postgres (1 = PostgreSQL, 2 = memory) --start-delay (0 s) --kubelet-writers (64)";

    public async Task RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var nodes = arguments.GetInt("nodes", 100);
        var replicas = arguments.GetInt("replicas", 1_000);
        var postgres = arguments.GetInt("postgres", 1) == 1;
        var writers = arguments.GetInt("kubelet-writers", 64);
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
        await ForEachAsync(nodes, 64, i => CreateAsync(grains, Node($"node-{i:00000}", replicas / nodes * 2 + 10).Object, cancellationToken));
        registering.Stop();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        var kubelet = new Kubelet(grains, resources, clock, startDelay, writers);
        var following = kubelet.RunAsync(await resources.GetCurrentResourceVersionAsync(cancellationToken), stop.Token);

        var created = clock.Elapsed;
        await CreateAsync(grains, Deployment(replicas).Object, cancellationToken);
        var allRunning = await kubelet.WaitForRunningAsync(replicas, TimeSpan.FromMinutes(10), cancellationToken);
        var available = await WaitForAvailableAsync(resources, replicas, clock, cancellationToken);
        await stop.CancelAsync();
        await following.ContinueWith(_ => { }, TaskScheduler.Default);
        await host.StopAsync(CancellationToken.None);

        var latencies = kubelet.StartupLatencies();
        var binding = kubelet.BindLatencies();
        var target = TimeSpan.FromSeconds(10 * Math.Max(1, replicas / 1_000.0));
        var runningAfter = allRunning - created;
        output.WriteLine($"rollout on {MachineInfo.Describe()}; store: {(postgres ? "PostgreSQL (fsync on)" : "memory")}; " +
            $"simulated start delay {startDelay.TotalMilliseconds:F0} ms; {writers} concurrent kubelet status writers; nodes registered in {registering.Elapsed.TotalSeconds:F1} s");
        output.WriteLine();
        output.WriteLine(MarkdownTable.Render(
            ["nodes", "replicas", "all Running after", "Deployment available after", "pods/s", "startup p50", "startup p99", "of which create→bind p99", "target (Running)", "ratio", "target p99", "ratio"],
            [[
                nodes.ToString("N0", CultureInfo.InvariantCulture),
                $"{kubelet.Running:N0}/{replicas:N0}",
                $"{runningAfter.TotalSeconds:F1} s",
                available is { } a ? $"{(a - created).TotalSeconds:F1} s" : "not within 2 min",
                (kubelet.Running / Math.Max(runningAfter.TotalSeconds, 0.001)).ToString("N0", CultureInfo.InvariantCulture),
                $"{Percentile(latencies, 0.50).TotalMilliseconds:F0} ms",
                $"{Percentile(latencies, 0.99).TotalMilliseconds:F0} ms",
                $"{Percentile(binding, 0.99).TotalMilliseconds:F0} ms",
                replicas == 1_000 ? "≤ 10 s" : $"≤ {target.TotalSeconds:F0} s (10 s per 1,000)",
                $"{runningAfter / target:F2}",
                "≤ 1000 ms",
                $"{Percentile(latencies, 0.99).TotalMilliseconds / 1000:F2}",
            ]]));
    }

    private static IHost BuildHost(PostgreSqlResourceStore? store, string? connectionString)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGrainRuntime(runtime =>
        {
            runtime.AddGrainsFrom(typeof(IResourceGrain).Assembly);
            if (connectionString is not null)
                runtime.UsePostgreSqlStorage(connectionString);
        });
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
        var key = new ResourceKey("apps", Model.Kinds.Deployment.Kind, "bench", "web");
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

    private static async Task CreateAsync(IGrainFactory grains, KubeObject obj, CancellationToken cancellationToken)
    {
        var result = await grains.GetGrain<IResourceGrain>(ResourceKey.Of(obj).ToString()).CreateAsync(obj, cancellationToken);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Creating {obj} failed: {result.Outcome} {result.Message}");
    }

    private static async Task ForEachAsync(int count, int callers, Func<int, Task> operation)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(callers, count)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                await operation(i);
        })));
    }

    private static Node Node(string name, int pods)
    {
        var node = Model.Kinds.Node.Create(name);
        node.Metadata.SetLabel(WellKnownLabels.Hostname, name);
        var resources = new Dictionary<string, Quantity>
        {
            [ResourceNames.Cpu] = Quantity.Parse("64"),
            [ResourceNames.Memory] = Quantity.Parse("256Gi"),
            [ResourceNames.Pods] = Quantity.FromUnits(Math.Max(110, pods)),
        };
        node.Capacity = resources;
        node.Allocatable = resources;
        var now = DateTimeOffset.UtcNow;
        node.SetCondition(new Condition(NodeConditionTypes.Ready, ConditionStatus.True, "KubeletReady", LastHeartbeatTime: now), now);
        return node;
    }

    private static Deployment Deployment(int replicas)
    {
        var deployment = Model.Kinds.Deployment.Create("bench", "web");
        deployment.Replicas = replicas;
        deployment.Object.EnsureSpec()["selector"] = new System.Text.Json.Nodes.JsonObject
        {
            ["matchLabels"] = new System.Text.Json.Nodes.JsonObject { ["app"] = "web" },
        };
        deployment.Template.Metadata.SetLabel("app", "web");
        deployment.Template.Spec.AddContainer("main", "registry.example/web:1").SetRequests(new Dictionary<string, Quantity>
        {
            [ResourceNames.Cpu] = Quantity.Parse("10m"),
            [ResourceNames.Memory] = Quantity.Parse("16Mi"),
        });
        return deployment;
    }

    /// <summary>
    /// The node agents' part, in-process: follows the change log, and for every pod bound to a node
    /// writes Running/Ready (after the start delay) through the pod's grain, as an agent's status report
    /// would. Startup latency is from the pod's creation being seen in the log to its Running status
    /// being committed, minus the start delay.
    /// </summary>
    private sealed class Kubelet(IGrainFactory grains, IResourceStore store, Stopwatch clock, TimeSpan startDelay, int writers)
    {
        private readonly ConcurrentDictionary<ResourceKey, TimeSpan> _created = new();
        private readonly ConcurrentDictionary<ResourceKey, TimeSpan> _running = new();
        private readonly ConcurrentDictionary<ResourceKey, TimeSpan> _bound = new();
        private readonly System.Threading.Channels.Channel<(KubeObject Pod, TimeSpan BoundAt)> _toStart =
            System.Threading.Channels.Channel.CreateUnbounded<(KubeObject, TimeSpan)>();
        private int _ip;

        public int Running => _running.Count;

        public async Task RunAsync(long from, CancellationToken cancellationToken)
        {
            var workers = Enumerable.Range(0, writers).Select(_ => Task.Run(() => WriteStatusesAsync(cancellationToken), cancellationToken)).ToArray();
            var cursor = from;
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    var batch = await store.ReadChangesAsync(cursor, 5_000, cancellationToken);
                    if (batch.Expired)
                        throw new InvalidOperationException("The change log was compacted during the run; the bench cannot follow pods.");
                    foreach (var change in batch.Events)
                    {
                        cursor = change.ResourceVersion;
                        if (change.Key.Kind != Pod.Kind || change.Type == ChangeType.Deleted)
                            continue;
                        _created.TryAdd(change.Key, clock.Elapsed);
                        if (!string.IsNullOrEmpty(change.Object.Spec?.GetString("nodeName")) && _bound.TryAdd(change.Key, clock.Elapsed))
                            _toStart.Writer.TryWrite((change.Object, clock.Elapsed));
                    }
                    if (batch.Events.Count == 0)
                        await store.WaitForChangesAsync(cursor, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            _toStart.Writer.TryComplete();
            await Task.WhenAll(workers).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        public async Task<TimeSpan> WaitForRunningAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var deadline = clock.Elapsed + timeout;
            while (_running.Count < count && clock.Elapsed < deadline)
                await Task.Delay(5, cancellationToken);
            return _running.IsEmpty ? clock.Elapsed : _running.Values.Max();
        }

        public IReadOnlyList<TimeSpan> StartupLatencies() =>
            _running.Select(r => r.Value - _created.GetValueOrDefault(r.Key, r.Value) - startDelay).Order().ToArray();

        /// <summary>From creation seen to binding seen: the scheduler's share of startup.</summary>
        public IReadOnlyList<TimeSpan> BindLatencies() =>
            _bound.Select(b => b.Value - _created.GetValueOrDefault(b.Key, b.Value)).Order().ToArray();

        private async Task WriteStatusesAsync(CancellationToken cancellationToken)
        {
            await foreach (var (pod, boundAt) in _toStart.Reader.ReadAllAsync(cancellationToken))
            {
                var wait = boundAt + startDelay - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, cancellationToken);
                var key = ResourceKey.Of(pod);
                var grain = grains.GetGrain<IResourceGrain>(key.ToString());
                var current = pod;
                var ip = Interlocked.Increment(ref _ip);
                for (var attempt = 0; attempt < 10; attempt++)
                {
                    var result = await grain.UpdateStatusAsync(RunningStatus(current, ip), cancellationToken);
                    if (result.Succeeded)
                    {
                        _running.TryAdd(key, clock.Elapsed);
                        break;
                    }
                    if (result.Outcome != ResourceOutcome.Conflict || result.Object is null)
                        break;
                    current = result.Object;
                }
            }
        }

        private static KubeObject RunningStatus(KubeObject stored, int ip)
        {
            var pod = new Pod(stored.DeepClone()) { Phase = PodPhase.Running };
            var now = DateTimeOffset.UtcNow;
            pod.PodIP = $"10.{ip / 65536 % 256}.{ip / 256 % 256}.{ip % 256}";
            pod.StartTime = now;
            pod.SetCondition(new Condition(PodConditionTypes.Initialized, ConditionStatus.True), now);
            pod.SetCondition(new Condition(PodConditionTypes.ContainersReady, ConditionStatus.True), now);
            pod.SetCondition(new Condition(PodConditionTypes.Ready, ConditionStatus.True), now);
            return pod.Object;
        }
    }
}
