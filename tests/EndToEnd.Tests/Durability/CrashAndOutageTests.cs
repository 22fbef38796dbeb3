using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using GitOps.EndToEnd.Tests.Harness;
using GitOps.EndToEnd.Tests.MultiSilo;
using GitOps.TestSupport;
using Xunit.Abstractions;

namespace GitOps.EndToEnd.Tests.Durability;

/// <summary>
/// A silo process on a durable PostgreSQL (fsync and synchronous_commit on) under a load of
/// concurrent HTTP writes, crashed two ways: the silo with kill -9, and PostgreSQL with
/// <c>pg_ctl stop -m immediate</c> for 30 s. Afterwards every acknowledged write is there at its
/// resourceVersion and the change log has no gap; during the outage writes fail fast with a 503
/// Status, lists from the informer cache answer, an open watch stays open, controllers back off,
/// memory stays in its budget, and when the database is back everything resumes without a restart.
/// </summary>
[Collection(MultiSiloCollection.Name)]
public sealed class CrashAndOutageTests(ITestOutputHelper output)
{
    private const string Namespace = "durable";
    private const int Workers = 16;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    /// <summary>A write during the outage must fail within this: far below the client's 30 s timeout, so nothing waits for the database.</summary>
    private static readonly TimeSpan FailFastBound = TimeSpan.FromSeconds(10);

    /// <summary>The silo's resident memory may grow at most this much from before the outage to its peak during it (docs/operations.md).</summary>
    private const double OutageMemoryGrowthBudgetMebibytes = 256;

    /// <summary>And never exceed this in total.</summary>
    private const double MemoryBudgetMebibytes = 1024;

    [Fact]
    public async Task Killing_the_silo_mid_load_loses_no_acknowledged_write_and_leaves_no_gap_in_the_change_log()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = cancellation.Token;
        await using var postgres = await LocalPostgresServer.StartAsync(durable: true, ct);
        await using var first = SiloProcess.Start("A", postgres.AdminConnectionString);
        await WaitReadyAsync(first);
        await CreateNamespaceAsync(first.Client, ct);

        await using var load = WriteLoad.Start(first.Client.Server, Namespace, Workers);
        await Eventually.HoldsAsync("500 acknowledged writes",
            _ => Task.FromResult((load.AcknowledgedCount >= 500, $"{load.AcknowledgedCount} acknowledged")), Patience, first.Process);
        await first.KillAsync();
        output.WriteLine($"Killed silo A (kill -9) after {load.AcknowledgedCount} acknowledged writes.");
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        await load.StopAsync();

        await using var second = first.Restart();
        await WaitReadyAsync(second);
        var problems = await LostWrites.FindAsync(second.Client, postgres.AdminConnectionString, Namespace, load, ct);
        output.WriteLine($"{load.Attempts.Count} writes sent, {load.Acknowledged.Count} objects with an acknowledged write checked after the restart.");
        Assert.True(problems.Count == 0, $"{problems.Count} acknowledged writes lost or log gaps:\n{string.Join("\n", problems.Take(30))}");
    }

    [Fact]
    public async Task A_30_second_database_crash_under_load_fails_writes_fast_keeps_cached_reads_and_recovers_without_restart()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var ct = cancellation.Token;
        await using var postgres = await LocalPostgresServer.StartAsync(durable: true, ct);
        // Two simulated nodes in the silo for the Deployment's pods. They renew their Leases every 10 s, so the node
        // grace period is a minute (the harness's 5 s would flap them on every slow renewal) and pods are not evicted.
        // The controllers' and informers' backoff caps (2 min and 30 s by default) bound how long after the outage
        // they retry; shorter caps keep the wait for convergence within the test's patience.
        await using var silo = SiloProcess.Start("A", postgres.AdminConnectionString, new Dictionary<string, string>
        {
            ["GitOps__SimulatedNodes"] = "2",
            ["GitOps__Controllers__NodeGracePeriod"] = "00:01:00",
            ["GitOps__Controllers__PodEvictionTimeout"] = "00:05:00",
            ["GitOps__Controllers__RetryMaxDelay"] = "00:00:10",
            ["GitOps__Informers__RetryMaxDelay"] = "00:00:05",
        });
        await WaitReadyAsync(silo);
        var client = silo.Client;
        await CreateNamespaceAsync(client, ct);

        await using var load = WriteLoad.Start(client.Server, Namespace, Workers);
        await Eventually.HoldsAsync("500 acknowledged writes",
            _ => Task.FromResult((load.AcknowledgedCount >= 500, $"{load.AcknowledgedCount} acknowledged")), Patience, silo.Process);
        var (status, body) = await client.SendJsonAsync(HttpMethod.Post, $"/apis/apps/v1/namespaces/{Namespace}/deployments", Deployment("web", 3), ct);
        Assert.True(status == HttpStatusCode.Created, $"Creating Deployment web answered {(int)status}: {body?.ToJsonString()}");
        // A watch opened before the outage must stay open through it and carry the writes made after it.
        var watchFrom = load.Acknowledged.Values.Max(a => a.ResourceVersion);
        await using var watch = OpenWatch.Start(client.Server, $"/api/v1/namespaces/{Namespace}/configmaps", watchFrom);
        var memoryBefore = ProcessMemory.ResidentMebibytes(silo.Process.Id);
        var failedReconcilesBefore = await FailedReconcilesAsync(client, ct);

        await postgres.StopAsync(immediate: true, ct);
        var down = DateTime.UtcNow;
        output.WriteLine($"PostgreSQL stopped (immediate) at {down:HH:mm:ss.fff} after {load.AcknowledgedCount} acknowledged writes; silo RSS {memoryBefore:0} MiB.");
        var peakMemory = memoryBefore;
        var listStatuses = new List<string>();
        var outage = Stopwatch.StartNew();
        while (outage.Elapsed < Outage)
        {
            peakMemory = Math.Max(peakMemory, ProcessMemory.ResidentMebibytes(silo.Process.Id));
            listStatuses.Add(await CachedListStatusAsync(client, ct));
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        var failedReconcilesDuring = await FailedReconcilesAsync(client, ct) - failedReconcilesBefore;
        // The GitOps API's grains keep their state through Orleans' grain storage: its failure is a 503 too.
        var (sourceStatus, sourceBody) = await client.SendJsonAsync(HttpMethod.Post, "/api/gitops/sources",
            JsonNode.Parse("""{"name": "during-outage", "url": "https://example.com/during-outage.git"}""")!, ct);
        var back = DateTime.UtcNow;
        await postgres.StartAsync(ct);
        output.WriteLine($"PostgreSQL started again at {DateTime.UtcNow:HH:mm:ss.fff}; silo RSS peaked at {peakMemory:0} MiB during the outage; {failedReconcilesDuring} failed reconciles during it.");

        // Writes resume without a restart of the silo: the pool, the writer and the change-log follower reconnect.
        var acknowledgedAtRestart = load.AcknowledgedCount;
        await Eventually.HoldsAsync("writes to be acknowledged again",
            _ => Task.FromResult((load.AcknowledgedCount >= acknowledgedAtRestart + 100, $"{load.AcknowledgedCount - acknowledgedAtRestart} acknowledged since")), Patience, silo.Process);
        var afterOutage = load.Acknowledged.Values.Max(a => a.ResourceVersion);
        await Eventually.HoldsAsync("the watch opened before the outage to carry the writes made after it",
            _ => Task.FromResult((watch.LatestResourceVersion >= afterOutage, $"the watch is at {watch.LatestResourceVersion}, ended: {watch.Ended ?? "no"}")), Patience, silo.Process);
        Assert.True(watch.Ended is null, $"The watch opened before the outage ended: {watch.Ended}");
        await Eventually.HoldsAsync("Deployment web, created before the outage, to have 3 available replicas", async token =>
        {
            var deployment = await client.GetAsync($"/apis/apps/v1/namespaces/{Namespace}/deployments/web", token);
            var available = deployment?["status"]?["availableReplicas"]?.GetValue<int>() ?? 0;
            return (available == 3, deployment?["status"]?.ToJsonString() ?? "not found");
        }, Patience, silo.Process);
        await load.StopAsync();

        // During the outage (after a second for requests in flight when it began): every write failed fast with a 503 Status.
        var during = load.Attempts.Where(a => a.StartedUtc > down.AddSeconds(1) && a.StartedUtc + a.Elapsed < back).ToArray();
        output.WriteLine($"{during.Length} writes during the outage; slowest {during.Select(a => a.Elapsed.TotalMilliseconds).DefaultIfEmpty().Max():0} ms. Lists from the cache: {string.Join(", ", listStatuses.Distinct())}.");
        Assert.True(during.Length >= Workers, $"Only {during.Length} writes were sent during the outage.");
        var wrong = during.Where(a => a.Status != 503 || a.Reason != "ServiceUnavailable" || a.Message?.Contains("unreachable", StringComparison.Ordinal) != true).ToArray();
        Assert.True(wrong.Length == 0, $"{wrong.Length} writes during the outage did not get a 503 ServiceUnavailable Status saying the store is unreachable:\n{string.Join("\n", wrong.Take(10))}");
        var slow = during.Where(a => a.Elapsed > FailFastBound).ToArray();
        Assert.True(slow.Length == 0, $"{slow.Length} writes during the outage took over {FailFastBound.TotalSeconds} s to fail:\n{string.Join("\n", slow.Take(10))}");
        Assert.All(listStatuses, s => Assert.Equal("200", s));
        Assert.True(sourceStatus == HttpStatusCode.ServiceUnavailable && sourceBody?["message"]?.GetValue<string>().Contains("unreachable", StringComparison.Ordinal) == true,
            $"Adding a source during the outage answered {(int)sourceStatus}: {sourceBody?.ToJsonString()}");

        // Controllers back off: a reconcile failing on the store counts as failed and is retried with growing delays, not in a loop.
        Assert.True(failedReconcilesDuring > 0, "No reconcile failed during the outage: the controllers did not notice the store was gone.");
        Assert.True(failedReconcilesDuring < 500, $"{failedReconcilesDuring} reconciles failed during the 30 s outage: the controllers do not back off.");
        Assert.True(peakMemory - memoryBefore < OutageMemoryGrowthBudgetMebibytes && peakMemory < MemoryBudgetMebibytes,
            $"The silo's resident memory went from {memoryBefore:0} MiB to {peakMemory:0} MiB during the outage (budget: +{OutageMemoryGrowthBudgetMebibytes} MiB, at most {MemoryBudgetMebibytes} MiB).");

        var problems = await LostWrites.FindAsync(client, postgres.AdminConnectionString, Namespace, load, ct);
        output.WriteLine($"{load.Attempts.Count} writes sent, {load.Acknowledged.Count} objects with an acknowledged write checked.");
        Assert.True(problems.Count == 0, $"{problems.Count} acknowledged writes lost or log gaps:\n{string.Join("\n", problems.Take(30))}");
    }

    private static Task WaitReadyAsync(SiloProcess silo) =>
        Eventually.HoldsAsync($"silo {silo.Name} to be ready",
            async ct => (await silo.Client.IsReadyAsync(ct), "/readyz not 200"), Patience, silo.Process);

    private static async Task CreateNamespaceAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        var (status, body) = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/namespaces",
            new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = Namespace } }, cancellationToken);
        Assert.True(status == HttpStatusCode.Created, $"Creating namespace {Namespace} answered {(int)status}: {body?.ToJsonString()}");
    }

    /// <summary>A list with resourceVersion=0, which the silo answers from its informer cache: the status code, or why none came.</summary>
    private static async Task<string> CachedListStatusAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        try
        {
            var items = await client.ListAsync($"/api/v1/namespaces/{Namespace}/configmaps?resourceVersion=0", cancellationToken);
            return items.Count > 0 ? "200" : "200 but empty";
        }
        catch (HttpRequestException e)
        {
            return e.StatusCode is { } code ? ((int)code).ToString(CultureInfo.InvariantCulture) : e.Message;
        }
    }

    /// <summary>The silo's gitops_reconciles_total of outcome Failed, summed over controllers.</summary>
    private static async Task<double> FailedReconcilesAsync(ClusterClient client, CancellationToken cancellationToken) =>
        (await client.GetTextAsync("/metrics", cancellationToken))
            .Split('\n')
            .Where(l => l.StartsWith("gitops_reconciles_total{", StringComparison.Ordinal) && l.Contains("outcome=\"Failed\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static JsonNode Deployment(string name, int replicas) => JsonNode.Parse($$"""
        {
          "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "{{name}}", "namespace": "{{Namespace}}"},
          "spec": {
            "replicas": {{replicas}}, "selector": {"matchLabels": {"app": "{{name}}"} },
            "template": {
              "metadata": {"labels": {"app": "{{name}}"} },
              "spec": {"containers": [{"name": "{{name}}", "image": "nginx:1.27"}]}
            }
          }
        }
        """)!;
}
