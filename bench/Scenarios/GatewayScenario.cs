using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Bench.Harness;
using GitOps.Gateway.GitOpsApi;
using GitOps.Gateway.Hosting;
using GitOps.Gateway.Watch;
using GitOps.GitSync;
using GitOps.Grains.Hosting;
using GitOps.Model.Objects;
using GitOps.Store;
using GitOps.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.Bench.Scenarios;

/// <summary>
/// The gateway over real HTTP with N pods stored in PostgreSQL (fsync on): GET and LIST latency,
/// watch delivery latency to many concurrent watchers, PATCH and scale latency while a controller
/// writes the same object's status, and /api/gitops/status throughput.
/// </summary>
public sealed partial class GatewayScenario : IScenario
{
    public string Name => "gateway";

    public string Description => "Gateway over HTTP with N pods in PostgreSQL: GET p50/p99, LIST all and label-selected, watch delivery p50/p99 to W watchers, PATCH and scale p50/p99 under status writes, /api/gitops/status req/s; options --pods --watchers --changes";

    public async Task RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var pods = arguments.GetInt("pods", 10_000);
        var watchers = arguments.GetInt("watchers", 1_000);
        var changes = arguments.GetInt("changes", 50);
        var server = await PostgresServer.GetAsync(durable: true);
        var connectionString = await server.CreateDatabaseOnServerAsync("bench_gateway");
        var app = await StartAsync(connectionString, cancellationToken);
        try
        {
            await RunAgainstAsync(app, pods, watchers, changes, output, cancellationToken);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    private static async Task RunAgainstAsync(WebApplication app, int pods, int watchers, int changes, TextWriter output, CancellationToken cancellationToken)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(address),
            Timeout = TimeSpan.FromMinutes(5),
        };

        var store = app.Services.GetRequiredService<IResourceStore>();
        await SeedAsync(store, pods, cancellationToken);
        await WaitForWatchCacheAsync(app.Services.GetRequiredService<WatchCache>(), store, cancellationToken);
        // GitSync's change-feed listener also reacts to the seeded creates; give it time to settle.
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        GC.Collect();
        var rows = new List<string[]>();
        rows.AddRange(await MeasureGetAsync(client, pods, cancellationToken));
        rows.AddRange(await MeasureListAsync(client, cancellationToken));
        rows.AddRange(await MeasureWatchAsync(client, store, watchers, changes, cancellationToken));
        rows.AddRange(await MeasureContendedWritesAsync(client, cancellationToken));
        rows.Add(await MeasureStatusAsync(client, cancellationToken));

        output.WriteLine($"gateway on {MachineInfo.Describe()}; {pods:N0} pods in PostgreSQL (fsync on); client and server in one process over loopback HTTP");
        output.WriteLine();
        output.WriteLine(MarkdownTable.Render(["measurement", "result", "target", "ratio to target"], rows));
    }

    internal static async Task<WebApplication> StartAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [AnonymousAccess.Setting] = "true" });
        builder.AddStoreAndGrainRuntime(connectionString, TestCluster.UseFreePorts);
        builder.Services.AddGitSync(builder.Configuration);
        builder.Services.AddGateway(builder.Configuration);
        var app = builder.Build();
        app.MapGateway();
        app.MapGitOpsApi();
        await app.StartAsync(cancellationToken);
        return app;
    }

    private static async Task SeedAsync(IResourceStore store, int pods, CancellationToken cancellationToken)
    {
        const int batch = 500;
        for (var start = 0; start < pods; start += batch)
        {
            var writes = Enumerable.Range(start, Math.Min(batch, pods - start)).Select(i => ResourceWrite.Create(Pod(i))).ToArray();
            await store.WriteBatchAsync(writes, cancellationToken);
        }
    }

    // The watch cache reads the seeded creates from the change log; measuring while it does would
    // measure that catch-up, not steady-state serving.
    private static async Task WaitForWatchCacheAsync(WatchCache cache, IResourceStore store, CancellationToken cancellationToken)
    {
        var target = await store.GetCurrentResourceVersionAsync(cancellationToken);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (cache.Head < target && DateTime.UtcNow < deadline)
            await Task.Delay(100, cancellationToken);
    }

    private static KubeObject Pod(int i)
    {
        var pod = new KubeObject("v1", "Pod", $"ns-{i % 10}", $"pod-{i:00000}");
        pod.Metadata.SetLabel("app", $"app-{i % 100}");
        pod.Metadata.Uid = Guid.NewGuid().ToString();
        pod.Metadata.CreationTimestamp = DateTimeOffset.UtcNow;
        pod.EnsureSpec()["nodeName"] = $"node-{i % 50}";
        pod.EnsureSpec()["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "nginx:1.27", ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" } } });
        pod.EnsureStatus()["phase"] = "Running";
        pod.EnsureStatus()["podIP"] = $"10.0.{i / 250}.{i % 250}";
        return pod;
    }

    private static async Task<IEnumerable<string[]>> MeasureGetAsync(HttpClient client, int pods, CancellationToken cancellationToken)
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
            await GetOkAsync(client, PodPath(random.Next(pods)), cancellationToken);
        var latencies = new List<double>();
        for (var i = 0; i < 5_000; i++)
        {
            var path = PodPath(random.Next(pods));
            var started = Stopwatch.GetTimestamp();
            await GetOkAsync(client, path, cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var p50 = Percentile(latencies, 0.50);
        var p99 = Percentile(latencies, 0.99);
        return
        [
            ["GET one pod, p50 (5,000 sequential)", Ms(p50), "", ""],
            ["GET one pod, p99", Ms(p99), "≤ 5 ms", Ratio(p99, 5)],
        ];
    }

    private static async Task<IEnumerable<string[]>> MeasureListAsync(HttpClient client, CancellationToken cancellationToken)
    {
        await GetOkAsync(client, "/api/v1/pods", cancellationToken);
        var full = new List<double>();
        var selected = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var body = await GetOkAsync(client, "/api/v1/pods", cancellationToken);
            full.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (i == 0 && !body.Contains("\"pod-09999\"", StringComparison.Ordinal) && !body.Contains("\"items\"", StringComparison.Ordinal))
                throw new InvalidOperationException("The full list did not return the pods.");
            started = Stopwatch.GetTimestamp();
            await GetOkAsync(client, "/api/v1/pods?labelSelector=app%3Dapp-42", cancellationToken);
            selected.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var fullMedian = Percentile(full, 0.5);
        return
        [
            ["LIST all pods (JSON), median of 10", Ms(fullMedian), "≤ 300 ms", Ratio(fullMedian, 300)],
            ["LIST all pods, worst of 10", Ms(full.Max()), "", ""],
            ["LIST 100 pods by label selector, median of 10", Ms(Percentile(selected, 0.5)), "", ""],
        ];
    }

    private static async Task<IEnumerable<string[]>> MeasureWatchAsync(HttpClient client, IResourceStore store, int watchers, int changes, CancellationToken cancellationToken)
    {
        var from = await store.GetCurrentResourceVersionAsync(cancellationToken);
        var sent = new long[changes];
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var ready = new CountdownEvent(watchers);
        var received = 0L;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = Enumerable.Range(0, watchers).Select(w => Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/watched/pods?watch=true&resourceVersion={from}");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token), Encoding.UTF8);
            ready.Signal();
            var seen = 0;
            while (seen < changes && await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var now = Stopwatch.GetTimestamp();
                var index = SequenceOf(line);
                if (index < 0)
                    continue;
                latencies.Add(Stopwatch.GetElapsedTime(Volatile.Read(ref sent[index]), now).TotalMilliseconds);
                Interlocked.Increment(ref received);
                seen++;
            }
        }, stop.Token)).ToArray();
        if (!ready.Wait(TimeSpan.FromMinutes(2), cancellationToken))
            throw new TimeoutException($"Only {watchers - ready.CurrentCount} of {watchers} watches opened within 2 minutes.");
        await Task.Delay(500, cancellationToken);

        var writeLatencies = new List<double>();
        for (var i = 0; i < changes; i++)
        {
            var pod = Pod(i);
            pod.Metadata.Namespace = "watched";
            pod.Metadata.SetAnnotation("bench/seq", i.ToString(CultureInfo.InvariantCulture));
            Volatile.Write(ref sent[i], Stopwatch.GetTimestamp());
            using var content = new StringContent(pod.ToJson(), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("/api/v1/namespaces/watched/pods", content, cancellationToken);
            writeLatencies.Add(Stopwatch.GetElapsedTime(sent[i]).TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"Creating a watched pod answered {response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            await Task.Delay(100, cancellationToken);
        }
        var all = Task.WhenAll(readers);
        await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30), cancellationToken));
        await stop.CancelAsync();
        var values = latencies.ToList();
        var p99 = Percentile(values, 0.99);
        return
        [
            [$"watch delivery p50 ({watchers:N0} watchers, {changes} creates 100 ms apart, from POST start)", Ms(Percentile(values, 0.5)), "", ""],
            ["watch delivery p99", Ms(p99), "≤ 100 ms", Ratio(p99, 100)],
            ["events delivered / expected", $"{Interlocked.Read(ref received):N0} / {(long)watchers * changes:N0}", "all", ""],
            ["POST latency during the watch test, p50", Ms(Percentile(writeLatencies, 0.5)), "", ""],
        ];
    }

    private static async Task<string[]> MeasureStatusAsync(HttpClient client, CancellationToken cancellationToken)
    {
        await GetOkAsync(client, "/api/gitops/status", cancellationToken);
        var duration = TimeSpan.FromSeconds(5);
        var count = 0L;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                await GetOkAsync(client, "/api/gitops/status", cancellationToken);
                Interlocked.Increment(ref count);
            }
        }, cancellationToken)));
        return ["/api/gitops/status, 16 concurrent clients, requests/s", (count / duration.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture), "", ""];
    }

    private static int SequenceOf(string line)
    {
        const string marker = "\"bench/seq\":\"";
        var at = line.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
            return -1;
        var start = at + marker.Length;
        var end = line.IndexOf('"', start);
        return int.Parse(line.AsSpan(start, end - start), CultureInfo.InvariantCulture);
    }

    private static async Task<string> GetOkAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    private static string PodPath(int i) => $"/api/v1/namespaces/ns-{i % 10}/pods/pod-{i:00000}";

    internal static double Percentile(List<double> values, double quantile)
    {
        if (values.Count == 0)
            return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
    }

    private static string Ms(double value) => $"{value.ToString("0.00", CultureInfo.InvariantCulture)} ms";

    private static string Ratio(double value, double target) => $"{(value / target).ToString("0.00", CultureInfo.InvariantCulture)}×";
}
