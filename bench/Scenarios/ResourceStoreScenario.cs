using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Bench.Harness;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using GitOps.Model.Selectors;
using GitOps.Store;
using GitOps.Store.Encryption;
using GitOps.Store.Migrations;
using GitOps.Store.PostgreSql;
using GitOps.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GitOps.Bench.Scenarios;

/// <summary>
/// The PostgreSQL resource store (durable server, fsync on): group-committed writes from many
/// concurrent callers, the same through resource grains (GitSync's path), and the reads the gateway serves.
/// The direct store encrypts Secrets at rest, as a silo's does: Secret writes and reads beside the others show what that costs.
/// </summary>
public sealed class ResourceStoreScenario : IScenario
{
    public string Name => "resource-store";

    public string Description => "PostgreSQL resource store: writes/s (direct and through ResourceGrain.ApplyDesired), LIST and GET latency; options --objects --callers";

    public async Task RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var count = arguments.GetInt("objects", 10_000);
        var callers = arguments.GetInt("callers", 1_000);
        var server = await PostgresServer.GetAsync(durable: true);
        var rows = new List<string[]>();

        var encryption = EncryptionKeyFile.Parse(EncryptionKeyFile.Format(EncryptionKeyFile.NewKey("bench")), "bench-keys.yaml");
        await using (var store = await NewStoreAsync(server, encryption))
        {
            var created = await TimeAsync(count, callers, i => store.WriteAsync(ResourceWrite.Create(Deployment(i, 1)), cancellationToken));
            rows.Add(Row("store: create (one WriteAsync per object)", count, created, "several thousand/s"));
            var updated = await TimeAsync(count, callers, i => store.WriteAsync(ResourceWrite.Update(Deployment(i, 2)), cancellationToken));
            rows.Add(Row("store: update", count, updated, "several thousand/s"));
            var secrets = await TimeAsync(count, callers, i => store.WriteAsync(ResourceWrite.Create(Secret(i)), cancellationToken));
            rows.Add(Row("store: create Secrets (AES-GCM at rest)", count, secrets, "as create"));
            rows.AddRange(await ReadRowsAsync(store, count, cancellationToken));
        }

        // Resource grains keep their objects in the store; Orleans' own state stays in memory here.
        await using (var store = await NewStoreAsync(server, SecretEncryption.None))
        await using (var silo = await BenchSilo.StartAsync(null, cancellationToken, s => s.AddSingleton<IResourceStore>(store)))
        {
            Task Apply(int i, int replicas, string commit) =>
                silo.Grains.GetGrain<IResourceGrain>(ResourceKey.Of(Deployment(i, replicas)).ToString())
                    .ApplyDesiredAsync(new DesiredObject(Deployment(i, replicas), "bench", "file:///bench", $"apps/d{i}.yaml", commit), cancellationToken);
            var initial = await TimeAsync(count, callers, i => Apply(i, 1, "c1"));
            rows.Add(Row("grains: ApplyDesired, initial (creates)", count, initial, $"{count:N0} in ≤ 10 s"));
            var before = await store.GetCurrentResourceVersionAsync(cancellationToken);
            var noop = await TimeAsync(count, callers, i => Apply(i, 1, "c2"));
            var writes = await store.GetCurrentResourceVersionAsync(cancellationToken) - before;
            rows.Add(Row($"grains: ApplyDesired, unchanged ({writes} store writes)", count, noop, "≤ 1 s"));
            var changed = count / 100;
            var onePercent = await TimeAsync(changed, callers, i => Apply(i * 100, 3, "c3"));
            rows.Add(Row("grains: ApplyDesired, 1% changed", changed, onePercent, "≤ 1 s"));
        }

        output.WriteLine($"resource-store on {MachineInfo.Describe()}; PostgreSQL with fsync on; {callers} concurrent callers");
        output.WriteLine();
        output.WriteLine(MarkdownTable.Render(["operation", "count", "time", "per second", "CPU of this process (excl. PostgreSQL)", "target"], rows));
    }

    private static async Task<IEnumerable<string[]>> ReadRowsAsync(IResourceStore store, int count, CancellationToken cancellationToken)
    {
        var type = new ResourceType("apps", "Deployment");
        await store.ListAsync(new ListQuery(type, Limit: 10), cancellationToken);
        var list = Stopwatch.StartNew();
        var all = await store.ListAsync(new ListQuery(type), cancellationToken);
        list.Stop();
        var selector = new LabelSelector([new LabelRequirement("app", SelectorOperator.Equals, ["app-7"])]);
        var selected = Stopwatch.StartNew();
        var few = await store.ListAsync(new ListQuery(type, Labels: selector), cancellationToken);
        selected.Stop();
        var latencies = await GetLatenciesAsync(store, i => new ResourceKey("apps", "Deployment", $"ns{i % 20}", $"deploy-{i % count}"), cancellationToken);
        return
        [
            [$"LIST all ({all.Items.Count:N0} objects)", "1", $"{list.Elapsed.TotalMilliseconds:0} ms", "", "", "≤ 300 ms"],
            [$"LIST by label ({few.Items.Count} objects)", "1", $"{selected.Elapsed.TotalMilliseconds:0.0} ms", "", "", ""],
            ["GET p50 / p99", "2,000", Percentiles(latencies), "", "", "p99 ≤ 5 ms"],
            ["GET Secret (decrypted) p50 / p99", "2,000", Percentiles(await GetLatenciesAsync(store, i => new ResourceKey("", "Secret", $"ns{i % 20}", $"secret-{i % count}"), cancellationToken)), "", "", "as GET"],
        ];
    }

    private static async Task<List<double>> GetLatenciesAsync(IResourceStore store, Func<int, ResourceKey> key, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        for (var i = 0; i < 2_000; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await store.GetAsync(key(i), cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        latencies.Sort();
        return latencies;
    }

    private static string Percentiles(List<double> sorted) => $"{sorted[sorted.Count / 2]:0.00} / {sorted[sorted.Count * 99 / 100]:0.00} ms";

    private static KubeObject Secret(int i)
    {
        var secret = new KubeObject("v1", "Secret", $"ns{i % 20}", $"secret-{i}");
        secret.Root["type"] = "Opaque";
        secret.Root["data"] = new JsonObject { ["password"] = Convert.ToBase64String(BitConverter.GetBytes(i)), ["certificate"] = new string('A', 1024) };
        return secret;
    }

    private static async Task<PostgreSqlResourceStore> NewStoreAsync(PostgresServer server, SecretEncryption encryption)
    {
        var connectionString = await server.CreateDatabaseOnServerAsync("bench_store");
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            await new PostgreSqlMigrator(dataSource, NullLogger<PostgreSqlMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return new PostgreSqlResourceStore(new PostgreSqlResourceStoreOptions { ConnectionString = connectionString }, encryption: encryption);
    }

    private static async Task<(TimeSpan Elapsed, TimeSpan Cpu)> TimeAsync(int count, int callers, Func<int, Task> operation)
    {
        var next = -1;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(callers, count)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                await operation(i);
        })));
        var elapsed = stopwatch.Elapsed;
        process.Refresh();
        return (elapsed, process.TotalProcessorTime - cpuBefore);
    }

    private static string[] Row(string operation, int count, (TimeSpan Elapsed, TimeSpan Cpu) measured, string target) =>
    [
        operation, count.ToString("N0", CultureInfo.InvariantCulture), $"{measured.Elapsed.TotalSeconds:0.00} s",
        (count / measured.Elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture),
        $"{measured.Cpu.TotalSeconds:0.00} s", target,
    ];

    private static KubeObject Deployment(int i, int replicas)
    {
        var deployment = new KubeObject("apps/v1", "Deployment", $"ns{i % 20}", $"deploy-{i}");
        deployment.Metadata.SetLabel("app", $"app-{i % 100}");
        var spec = deployment.EnsureSpec();
        spec["replicas"] = replicas;
        spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = $"app-{i % 100}" } };
        spec["template"] = JsonNode.Parse($$$"""
            {"metadata":{"labels":{"app":"app-{{{i % 100}}}"}},"spec":{"containers":[{"name":"main","image":"nginx:1.25",
             "resources":{"requests":{"cpu":"100m","memory":"128Mi"}},"ports":[{"containerPort":80}]}]}}
            """);
        return deployment;
    }
}
