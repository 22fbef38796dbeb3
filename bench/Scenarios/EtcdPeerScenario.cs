using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using dotnet_etcd;
using GitOps.Bench.Harness;
using GitOps.Model.Objects;
using GitOps.Store;
using GitOps.Store.Migrations;
using GitOps.Store.PostgreSql;
using GitOps.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GitOps.Bench.Scenarios;

/// <summary>
/// The resource store beside etcd, the store under kube-apiserver, in one run: the same writes of
/// about 0.6 KiB at 8, 64 and 1,000 concurrent writers, a full list of what one round wrote, and
/// delivery from a write to many watchers (etcd prefix watches against HTTP watches on the watch cache
/// of a silo). etcd is the one on PATH, private, on a temporary directory; our store is on a durable
/// PostgreSQL (fsync on). For the watches each server is a process of its own, as etcd is, and the
/// clients are in this one; both are warmed up first (<see cref="WatchRound"/>).
/// </summary>
public sealed class EtcdPeerScenario : IScenario
{
    private static readonly int[] Concurrencies = [8, 64, 1_000];
    private static readonly ResourceType Deployments = new("apps", "Deployment");
    private const int WarmupWrites = 100;

    public string Name => "etcd-peer";

    public string Description => "The resource store against a private etcd (from PATH) in one run: writes/s at 8, 64 and 1,000 writers, LIST of all, watch delivery p50/p99 to W watchers; options --objects --watchers --changes";

    public async Task RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var objects = arguments.GetInt("objects", 10_000);
        var watchers = arguments.GetInt("watchers", 1_000);
        var changes = arguments.GetInt("changes", 50);
        var loadBefore = MachineInfo.LoadAverages();
        await using var etcd = await EtcdServer.StartAsync(cancellationToken);
        // A full list of 10,000 values is about 6 MiB, over gRPC's default 4 MiB message limit.
        using var client = new EtcdClient(etcd.ClientUrl, configureChannelOptions: channel => channel.MaxReceiveMessageSize = 256 * 1024 * 1024);
        var server = await PostgresServer.GetAsync(durable: true);
        var rows = new List<string[]>();

        await using (var store = await NewStoreAsync(server, "bench_peer"))
        {
            // The first writes of each side pay for connections and JIT; they are not measured.
            await PutAllAsync(client, "warmup", Math.Min(objects, 2_000), 64, cancellationToken);
            await CreateAllAsync(store, "warmup", Math.Min(objects, 2_000), 64, cancellationToken);
            foreach (var writers in Concurrencies)
            {
                var etcdRate = await PutAllAsync(client, $"c{writers}", objects, writers, cancellationToken);
                var storeRate = await CreateAllAsync(store, $"c{writers}", objects, writers, cancellationToken);
                rows.Add([$"writes/s, {objects:N0} of ~0.6 KiB, {writers:N0} concurrent writers", Count(etcdRate), Count(storeRate), Ratio(storeRate / etcdRate)]);
            }
            var last = $"c{Concurrencies[^1]}";
            var etcdList = await MedianAsync(async () =>
            {
                var range = await client.GetRangeAsync(Prefix(last), cancellationToken: cancellationToken);
                Expect(range.Kvs.Count == objects, $"etcd listed {range.Kvs.Count} keys under {Prefix(last)}, expected {objects}");
            });
            var storeList = await MedianAsync(async () =>
            {
                var page = await store.ListAsync(new ListQuery(Deployments, Namespace: last), cancellationToken);
                Expect(page.Items.Count == objects, $"the store listed {page.Items.Count} Deployments in namespace {last}, expected {objects}");
            });
            rows.Add([$"LIST all {objects:N0}, median of 5", Ms(etcdList), Ms(storeList), Ratio(etcdList / storeList)]);
        }

        var etcdWatch = await EtcdWatchAsync(etcd, client, watchers, changes, cancellationToken);
        var storeWatch = await GatewayWatchAsync(server, watchers, changes, cancellationToken);
        rows.Add([$"watch delivery p50, {watchers:N0} watchers, {changes} writes 100 ms apart, from write start", Ms(etcdWatch.P50), Ms(storeWatch.P50), Ratio(etcdWatch.P50 / storeWatch.P50)]);
        rows.Add(["watch delivery p99", Ms(etcdWatch.P99), Ms(storeWatch.P99), Ratio(etcdWatch.P99 / storeWatch.P99)]);
        rows.Add(["events delivered / expected", $"{etcdWatch.Delivered:N0} / {(long)watchers * changes:N0}", $"{storeWatch.Delivered:N0} / {(long)watchers * changes:N0}", ""]);
        rows.Add(["server process CPU per write delivered (etcd; the silo)", Ms(etcdWatch.ServerCpuPerWrite), Ms(storeWatch.ServerCpuPerWrite), Ratio(etcdWatch.ServerCpuPerWrite / storeWatch.ServerCpuPerWrite)]);

        output.WriteLine($"etcd-peer on {MachineInfo.Describe()}; {etcd.Version} (its defaults, WAL fsync on) beside the PostgreSQL resource store (fsync on); load average {loadBefore} before, {MachineInfo.LoadAverages()} after");
        output.WriteLine();
        output.WriteLine(MarkdownTable.Render(["measurement", "etcd", "our store", "ours vs etcd (≥ 1: as good or better)"], rows));
    }

    private static async Task<double> PutAllAsync(EtcdClient client, string round, int count, int writers, CancellationToken cancellationToken)
    {
        var values = Enumerable.Range(0, count).Select(i => Deployment(round, $"deploy-{i}", i).ToJson()).ToArray();
        return await RateAsync(count, writers, i => client.PutAsync($"{Prefix(round)}{i}", values[i], cancellationToken: cancellationToken));
    }

    private static async Task<double> CreateAllAsync(IResourceStore store, string round, int count, int writers, CancellationToken cancellationToken)
    {
        var deployments = Enumerable.Range(0, count).Select(i => Deployment(round, $"deploy-{i}", i)).ToArray();
        return await RateAsync(count, writers, async i =>
        {
            var result = await store.WriteAsync(ResourceWrite.Create(deployments[i]), cancellationToken);
            Expect(result.Outcome == WriteOutcome.Ok, $"creating {round}/deploy-{i} answered {result.Outcome}");
        });
    }

    private static async Task<WatchRoundResult> EtcdWatchAsync(EtcdServer etcd, EtcdClient client, int watchers, int changes, CancellationToken cancellationToken)
    {
        var round = new WatchRound(watchers, WarmupWrites, changes, etcd.ProcessId);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var prefix = Prefix("watched");
        for (var w = 0; w < watchers; w++)
        {
            await client.WatchRangeAsync(prefix, response =>
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var change in response.Events)
                    round.Received(int.Parse(change.Kv.Key.ToStringUtf8().AsSpan(prefix.Length), CultureInfo.InvariantCulture), now);
            }, cancellationToken: stop.Token);
        }
        await Task.Delay(500, cancellationToken);
        var result = await round.RunAsync(i => client.PutAsync($"{prefix}{i}", WatchedConfigMap(i).ToJson(), cancellationToken: cancellationToken), cancellationToken);
        await stop.CancelAsync();
        return result;
    }

    private static async Task<WatchRoundResult> GatewayWatchAsync(PostgresServer server, int watchers, int changes, CancellationToken cancellationToken)
    {
        var connectionString = await server.CreateDatabaseOnServerAsync("bench_peer_watch");
        var address = $"http://127.0.0.1:{FreePorts.Next()}";
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(address),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        await using var silo = await BenchSiloProcess.StartAsync(address, connectionString, new Dictionary<string, string>(), cancellationToken);
        var from = await CurrentVersionAsync(http, cancellationToken);
        var round = new WatchRound(watchers, WarmupWrites, changes, silo.Id);
        var ready = new CountdownEvent(watchers);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        const string marker = "\"name\":\"watched-";
        var readers = Enumerable.Range(0, watchers).Select(_ => Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/watched/configmaps?watch=true&resourceVersion={from}");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token), Encoding.UTF8);
            ready.Signal();
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var now = Stopwatch.GetTimestamp();
                var at = line.IndexOf(marker, StringComparison.Ordinal);
                if (at < 0)
                    continue;
                var start = at + marker.Length;
                round.Received(int.Parse(line.AsSpan(start, line.IndexOf('"', start) - start), CultureInfo.InvariantCulture), now);
            }
        }, stop.Token)).ToArray();
        if (!ready.Wait(TimeSpan.FromMinutes(2), cancellationToken))
            throw new TimeoutException($"Only {watchers - ready.CurrentCount} of {watchers} watches opened within 2 minutes.");
        await Task.Delay(500, cancellationToken);
        // Written as another silo writes: through the store, on the same database; the silo hears of it by NOTIFY and reads the change log.
        await using var store = new PostgreSqlResourceStore(new PostgreSqlResourceStoreOptions { ConnectionString = connectionString });
        var result = await round.RunAsync(i => store.WriteAsync(ResourceWrite.Create(WatchedConfigMap(i)), cancellationToken), cancellationToken);
        await stop.CancelAsync();
        await Task.WhenAny(Task.WhenAll(readers), Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None));
        return result;
    }

    private static async Task<long> CurrentVersionAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var list = JsonNode.Parse(await http.GetStringAsync("/api/v1/namespaces/watched/configmaps", cancellationToken))!;
        return long.Parse(list["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }

    private static async Task<double> RateAsync(int count, int writers, Func<int, Task> operation)
    {
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(writers, count)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                await operation(i);
        })));
        return count / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<double> MedianAsync(Func<Task> operation)
    {
        await operation();
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return GatewayScenario.Percentile(times, 0.5);
    }

    private static async Task<PostgreSqlResourceStore> NewStoreAsync(PostgresServer server, string database)
    {
        var connectionString = await server.CreateDatabaseOnServerAsync(database);
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            await new PostgreSqlMigrator(dataSource, NullLogger<PostgreSqlMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return new PostgreSqlResourceStore(new PostgreSqlResourceStoreOptions { ConnectionString = connectionString });
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
            throw new InvalidOperationException($"etcd-peer: {what}.");
    }

    private static string Prefix(string round) => $"/bench/{round}/";

    // The resource-store scenario's Deployment shape (about 0.6 KiB of JSON), in namespace = round.
    private static KubeObject Deployment(string round, string name, int i)
    {
        var app = $"app-{i % 100}";
        var deployment = new KubeObject("apps/v1", "Deployment", round, name);
        deployment.Metadata.SetLabel("app", app);
        var spec = deployment.EnsureSpec();
        spec["replicas"] = 1;
        spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = app } };
        spec["template"] = JsonNode.Parse($$$"""
            {"metadata":{"labels":{"app":"{{{app}}}"}},"spec":{"containers":[{"name":"main","image":"nginx:1.25",
             "resources":{"requests":{"cpu":"100m","memory":"128Mi"}},"ports":[{"containerPort":80}]}]}}
            """);
        return deployment;
    }

    // Watched objects are ConfigMaps of the same size: no controller in the silo acts on them, so the
    // measurement is the write, the change stream and the watch cache, as etcd's is the put and its watchers.
    private static KubeObject WatchedConfigMap(int i)
    {
        var map = new KubeObject("v1", "ConfigMap", "watched", $"watched-{i}");
        map.Metadata.SetLabel("app", $"app-{i % 100}");
        map.Root["data"] = new JsonObject { ["config.yaml"] = string.Concat(Enumerable.Repeat($"key-{i}: value\n", 30)) };
        return map;
    }

    private static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double value) => $"{value.ToString("0.00", CultureInfo.InvariantCulture)} ms";

    private static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
