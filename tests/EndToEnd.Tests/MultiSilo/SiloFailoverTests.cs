using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using GitOps.EndToEnd.Tests.Harness;
using GitOps.TestSupport;
using Xunit.Abstractions;
using static GitOps.EndToEnd.Tests.Harness.PodQueries;

namespace GitOps.EndToEnd.Tests.MultiSilo;

/// <summary>
/// A silo that dies (kill -9) or freezes (SIGSTOP) in a three-silo cluster: its grains come back on
/// the survivors from persisted state, work in progress completes, and nothing it held is lost or
/// overwritten with stale state. Each test starts its own cluster, since each breaks one.
/// </summary>
[Collection(MultiSiloCollection.Name)]
public sealed class SiloFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private const int Replicas = 100;
    private const int PodsPerNode = 15;

    [Fact]
    public async Task Killing_the_silo_hosting_a_source_mid_rollout_loses_nothing_and_the_rollout_completes()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cancellation.Token;
        using var repository = await GitRepository.CreateAsync(ct);
        await repository.CommitAsync("Run 100 web pods", Manifests.FleetDeployment("fleet", "nginx:1.25", Replicas), ct);
        await using var http = await GitHttpServer.StartAsync(GitRepository.RootDirectory, ct);
        await using var cluster = await MultiSiloCluster.StartAsync(3, ct);
        // 10 nodes of 15 pods: room for the rollout's 125 pods at most, so an overfull node means a double bind.
        cluster.StartAgent("--runtime", "simulated", "--nodes", "10", "--name-prefix", "fo-node", "--start-delay", "200ms",
            "--max-pods", PodsPerNode.ToString());
        var overfull = new List<string>();

        var (status, body) = await cluster.Silos[0].Client.SendJsonAsync(HttpMethod.Post, "/api/gitops/sources",
            Manifests.Source("fleet", repository.HttpUrl(http), "2s"), ct);
        Assert.True(status == HttpStatusCode.Created, $"Adding the source answered {(int)status}: {body?.ToJsonString()}");
        await WaitForRolloutAsync(cluster, cluster.Silos[0], "nginx:1.25", overfull);

        // Objects written through every silo before the kill, so some of their grains live on the silo that dies.
        for (var i = 0; i < 12; i++)
        {
            var writer = cluster.Silos[i % 3];
            (status, body) = await writer.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/namespaces/fleet/configmaps",
                Manifests.ConfigMap("fleet", $"kept-{i}", $"written through {writer.Name}"), ct);
            Assert.True(status == HttpStatusCode.Created, $"Creating kept-{i} through silo {writer.Name} answered {(int)status}: {body?.ToJsonString()}");
        }
        var before = await SnapshotAsync(cluster.Silos[0].Client, ct);

        var source = await cluster.Silos[0].Client.GetAsync("/api/gitops/sources/fleet", ct);
        var hostAddress = source?["silo"]?.GetValue<string>() ?? throw new InvalidOperationException($"The source status names no silo: {source?.ToJsonString()}");
        var host = cluster.SiloAt(hostAddress);
        var survivor = cluster.Silos.First(s => s != host);
        output.WriteLine($"Source 'fleet' runs on {host} ({hostAddress}); the survivors are read through {survivor}.");

        var commit = await repository.CommitAsync("Roll out nginx 1.27", Manifests.FleetDeployment("fleet", "nginx:1.27", Replicas), ct);
        await survivor.Client.PostAsync("/api/gitops/sources/fleet/sync", ct);
        var underWay = "";
        await Eventually.HoldsAsync("the rollout to nginx:1.27 to be under way", async token =>
        {
            var pods = await survivor.Client.ListAsync("/api/v1/namespaces/fleet/pods", token);
            var updated = pods.Count(p => IsLive(p) && Image(p) == "nginx:1.27");
            underWay = $"{updated} of {pods.Count} pods on nginx:1.27";
            return (updated is > 0 and < Replicas, underWay);
        }, Patience, cluster.LiveProcesses);

        var sinceKill = Stopwatch.StartNew();
        await host.KillAsync();
        output.WriteLine($"Killed {host} with SIGKILL while the rollout was under way ({underWay}).");

        // The source's grain lived on the dead silo: its status answers once a survivor has activated it.
        string? answeredBy = null;
        await Eventually.HoldsAsync("a survivor to answer the source's status from a new activation", async token =>
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
            attempt.CancelAfter(TimeSpan.FromSeconds(3));
            var answer = await survivor.Client.GetAsync("/api/gitops/sources/fleet", attempt.Token);
            answeredBy = answer?["silo"]?.GetValue<string>();
            return (answeredBy is not null && answeredBy != hostAddress, answer?.ToJsonString() ?? "not found");
        }, TimeSpan.FromSeconds(60), cluster.LiveProcesses);
        var failover = sinceKill.Elapsed;
        output.WriteLine($"Failover: {failover.TotalSeconds:0.0} s from the kill to the source's status answered by {survivor.Name} " +
                         $"from its new activation on {cluster.SiloAt(answeredBy!)}.");

        // The sync loop itself moved: a run recorded after the failover, by the new activation, syncs the new commit.
        var recordedBefore = Runs(await survivor.Client.GetJsonAsync("/api/gitops/sources/fleet/history", ct)).Max(r => r.Number);
        await Eventually.HoldsAsync($"a run after #{recordedBefore} to sync commit {commit[..8]} on the survivors", async token =>
        {
            var history = Runs(await survivor.Client.GetJsonAsync("/api/gitops/sources/fleet/history", token));
            var synced = history.Any(r => r.Number > recordedBefore && r.Commit == commit && r.Result == "Succeeded");
            return (synced, string.Join("; ", history.Select(r => r.ToString())));
        }, Patience, cluster.LiveProcesses);
        output.WriteLine($"A run after #{recordedBefore} synced commit {commit[..8]} {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill.");

        await WaitForRolloutAsync(cluster, survivor, "nginx:1.27", overfull);
        output.WriteLine($"Rollout of {Replicas} pods to nginx:1.27 complete {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill.");
        Assert.True(overfull.Count == 0, $"Nodes held more pods than their capacity of {PodsPerNode}:\n{string.Join("\n", overfull.Distinct())}");

        var after = await SnapshotAsync(survivor.Client, ct);
        var lost = before.Where(p => after.GetValueOrDefault(p.Key) != p.Value).Select(p => $"{p.Key} was {p.Value}, now {after.GetValueOrDefault(p.Key) ?? "missing"}");
        Assert.True(!lost.Any(), $"Objects written before the kill changed or vanished:\n{string.Join("\n", lost)}");

        var numbers = Runs(await survivor.Client.GetJsonAsync("/api/gitops/sources/fleet/history", ct)).Select(r => r.Number).ToArray();
        Assert.True(numbers.Distinct().Count() == numbers.Length, $"Run numbers repeat after the failover: {string.Join(", ", numbers)}");
    }

    [Fact]
    public async Task A_silo_stopped_with_SIGTERM_hands_its_grains_over_and_no_call_through_the_others_fails()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cancellation.Token;
        await using var cluster = await MultiSiloCluster.StartAsync(3, ct);
        var leaving = cluster.Silos[0];
        var staying = cluster.Silos.Skip(1).ToArray();
        const int Writers = 4;
        const int ObjectsPerWriter = 8;

        // Created through every silo, so some of the objects' grains live on the silo that leaves.
        for (var i = 0; i < Writers * ObjectsPerWriter; i++)
        {
            var (created, body) = await cluster.Silos[i % 3].Client.SendJsonAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps",
                Manifests.ConfigMap("default", $"handover-{i}", "v0"), ct);
            Assert.True(created == HttpStatusCode.Created, $"Creating handover-{i} answered {(int)created}: {body?.ToJsonString()}");
        }

        // Each writer owns its objects and writes them in turn through a staying silo, so the last
        // acknowledged value of each object is the one it must keep.
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var writes = 0;
        using var writing = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var client = staying[writer % staying.Length].Client;
            for (var round = 1; !writing.IsCancellationRequested; round++)
            {
                var name = $"handover-{writer * ObjectsPerWriter + round % ObjectsPerWriter}";
                var value = $"writer {writer} round {round}";
                var (status, body) = await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/namespaces/default/configmaps/{name}",
                    Manifests.ConfigMap("default", name, value), ct);
                if (status == HttpStatusCode.OK)
                    acknowledged[name] = value;
                else
                    failures.Enqueue($"PUT {name} through {client.Server} answered {(int)status}: {body?.ToJsonString()}");
                Interlocked.Increment(ref writes);
            }
        }, CancellationToken.None)).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var writesBefore = Volatile.Read(ref writes);
        var sinceSignal = Stopwatch.StartNew();
        leaving.Terminate();
        var exitCode = await leaving.Process.WaitForExitAsync(TimeSpan.FromSeconds(45));
        output.WriteLine($"{leaving} exited with code {exitCode} {sinceSignal.Elapsed.TotalSeconds:F1} s after SIGTERM; {writesBefore} writes before it.");
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        await writing.CancelAsync();
        await Task.WhenAll(writers);

        Assert.Equal(0, exitCode);
        Assert.True(failures.IsEmpty, $"{failures.Count} of {writes} writes through the staying silos failed while {leaving.Name} left:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(10))}");
        Assert.True(writes > writesBefore + Writers, $"The writers stalled while {leaving.Name} left: {writes} writes in all, {writesBefore} before SIGTERM.");
        foreach (var (name, value) in acknowledged)
        {
            var stored = await staying[0].Client.GetAsync($"/api/v1/namespaces/default/configmaps/{name}", ct);
            Assert.Equal(value, stored?["data"]?["value"]?.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_frozen_silo_is_declared_dead_its_grains_move_and_once_resumed_it_overwrites_nothing()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cancellation.Token;
        const string path = "/api/v1/namespaces/paused/configmaps";
        using var repository = await GitRepository.CreateAsync(ct);
        await repository.CommitAsync("Settings version 1", Manifests.VersionedConfigMap("paused", "1"), ct);
        await using var http = await GitHttpServer.StartAsync(GitRepository.RootDirectory, ct);
        await using var cluster = await MultiSiloCluster.StartAsync(3, ct);

        var (status, body) = await cluster.Silos[0].Client.SendJsonAsync(HttpMethod.Post, "/api/gitops/sources",
            Manifests.Source("paused", repository.HttpUrl(http), "2s"), ct);
        Assert.True(status == HttpStatusCode.Created, $"Adding the source answered {(int)status}: {body?.ToJsonString()}");
        await WaitForSettingsAsync(cluster, cluster.Silos[0], "1");

        var source = await cluster.Silos[0].Client.GetAsync("/api/gitops/sources/paused", ct);
        var hostAddress = source?["silo"]?.GetValue<string>() ?? throw new InvalidOperationException($"The source status names no silo: {source?.ToJsonString()}");
        var host = cluster.SiloAt(hostAddress);
        var survivors = cluster.Silos.Where(s => s != host).ToArray();

        // Objects written and read through the silo about to freeze, so it holds activations of their grains.
        var held = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 6; i++)
        {
            (status, body) = await host.Client.SendJsonAsync(HttpMethod.Post, path, Manifests.ConfigMap("paused", $"held-{i}", "before"), ct);
            Assert.True(status == HttpStatusCode.Created, $"Creating held-{i} through silo {host.Name} answered {(int)status}: {body?.ToJsonString()}");
            held[$"held-{i}"] = body!["metadata"]!["resourceVersion"]!.GetValue<string>();
        }

        // A sync the frozen silo starts and cannot finish: it reads commit 1, which is stale by the time it resumes.
        var trigger = await host.Client.SendJsonAsync(HttpMethod.Post, "/api/gitops/sources/paused/sync", new JsonObject(), ct);
        Assert.True(trigger.Status == HttpStatusCode.Accepted, $"Triggering a sync through silo {host.Name} answered {(int)trigger.Status}: {trigger.Body?.ToJsonString()}");
        var sinceFreeze = Stopwatch.StartNew();
        host.Suspend();
        output.WriteLine($"Froze {host} (SIGSTOP) right after it answered a sync trigger with {trigger.Body?.ToJsonString()}; " +
                         $"it hosted source 'paused' ({hostAddress}).");

        // Writes sent to the frozen silo wait in its sockets: conditional on the versions read before the freeze,
        // they are stale by the time it resumes and must not land.
        using var patientClient = new ClusterClient(host.Client.Server, TimeSpan.FromSeconds(100));
        var staleWrites = held.Select(h => (Name: h.Key, Answer: patientClient.SendJsonAsync(HttpMethod.Put, $"{path}/{h.Key}",
            Manifests.ConfigMap("paused", h.Key, "stale", resourceVersion: h.Value), ct))).ToArray();

        await cluster.WaitForActiveSilosAsync(survivors, 2, TimeSpan.FromSeconds(60));
        output.WriteLine($"Survivors count 2 active silos {sinceFreeze.Elapsed.TotalSeconds:0.0} s after the freeze.");

        string? answeredBy = null;
        await Eventually.HoldsAsync("a survivor to answer the source's status from a new activation", async token =>
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
            attempt.CancelAfter(TimeSpan.FromSeconds(3));
            var answer = await survivors[0].Client.GetAsync("/api/gitops/sources/paused", attempt.Token);
            answeredBy = answer?["silo"]?.GetValue<string>();
            return (answeredBy is not null && answeredBy != hostAddress, answer?.ToJsonString() ?? "not found");
        }, TimeSpan.FromSeconds(30), cluster.LiveProcesses);
        output.WriteLine($"The source's status answered from {cluster.SiloAt(answeredBy!)} {sinceFreeze.Elapsed.TotalSeconds:0.0} s after the freeze.");

        // Newer writes through the survivors, and a new commit the survivors sync.
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, index) in held.Keys.Select((n, i) => (n, i)))
        {
            var writer = survivors[index % survivors.Length];
            var current = await writer.Client.GetAsync($"{path}/{name}", ct);
            (status, body) = await writer.Client.SendJsonAsync(HttpMethod.Put, $"{path}/{name}",
                Manifests.ConfigMap("paused", name, $"after, through {writer.Name}", current?["metadata"]?["resourceVersion"]?.GetValue<string>()), ct);
            Assert.True(status == HttpStatusCode.OK, $"Updating {name} through silo {writer.Name} answered {(int)status}: {body?.ToJsonString()}");
            written[name] = $"after, through {writer.Name} @{body!["metadata"]!["resourceVersion"]}";
        }
        await repository.CommitAsync("Settings version 2", Manifests.VersionedConfigMap("paused", "2"), ct);
        await WaitForSettingsAsync(cluster, survivors[0], "2");

        // Every version of the Git-managed ConfigMap from now on, as a survivor's watch reports it.
        using var settingsWatch = KubectlWatch.Start(survivors[1].Client.Server, "get", "configmap", "settings", "--namespace", "paused", "--watch",
            "--output", "jsonpath={.metadata.resourceVersion}={.data.version}{\"\\n\"}");
        await Eventually.HoldsAsync("kubectl to show the settings at version 2",
            _ => Task.FromResult((settingsWatch.Lines.Any(l => l.EndsWith("=2", StringComparison.Ordinal)), settingsWatch.Describe())),
            TimeSpan.FromSeconds(30), cluster.LiveProcesses);

        host.Resume();
        var sinceResume = Stopwatch.StartNew();
        output.WriteLine($"Resumed {host} (SIGCONT) {sinceFreeze.Elapsed.TotalSeconds:0.0} s after the freeze.");

        foreach (var (name, answer) in staleWrites)
        {
            var (landed, outcome) = await AwaitStaleWriteAsync(answer, TimeSpan.FromSeconds(30));
            output.WriteLine($"The stale PUT of {name} queued at the frozen silo: {outcome}");
            Assert.False(landed, $"The stale PUT of {name} queued at the frozen silo succeeded after it resumed: {outcome}");
        }

        // Orleans' answer to "I have been told I am dead" is to fail fast. The silo re-reads membership every
        // 5 s (GitOps:Cluster:MembershipRefreshPeriod), a read overdue at once after a long freeze.
        TimeSpan? notReadyAt = null;
        var readiness = "no answer yet";
        await Eventually.HoldsAsync($"the resumed {host} to exit", async token =>
        {
            if (host.Process.HasExited)
                return (true, "exited");
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
            attempt.CancelAfter(TimeSpan.FromSeconds(3));
            var (ready, report) = await host.Client.ReadinessAsync(attempt.Token);
            if (!ready && report.Contains("\"status\"", StringComparison.Ordinal))
                notReadyAt ??= sinceResume.Elapsed;
            readiness = report;
            return (false, $"/readyz {(ready ? "200" : "not 200")}: {report}");
        }, TimeSpan.FromSeconds(20), survivors.Select(s => s.Process).ToArray());
        output.WriteLine($"The resumed silo exited {sinceResume.Elapsed.TotalSeconds:0.0} s after the resume" +
                         (notReadyAt is { } t ? $"; its /readyz said not ready from {t.TotalSeconds:0.0} s: {readiness}" : "."));

        // Past two poll intervals, nothing the resumed silo held has come back, not even for a moment.
        await Task.Delay(TimeSpan.FromSeconds(4), ct);
        var versions = settingsWatch.Lines.Select(l => l.Split('=')[^1]).ToArray();
        output.WriteLine($"The settings' versions seen since before the resume: {string.Join(", ", settingsWatch.Lines)}");
        Assert.True(versions.All(v => v == "2"), $"The settings were set back while the resumed silo ran: {settingsWatch.Describe()}");
        foreach (var survivor in survivors)
        {
            foreach (var (name, expected) in written)
            {
                var stored = await survivor.Client.GetAsync($"{path}/{name}", ct);
                var actual = $"{stored?["data"]?["value"]} @{stored?["metadata"]?["resourceVersion"]}";
                Assert.True(actual == expected, $"Silo {survivor.Name} serves {name} as '{actual}', not as last written through a survivor: '{expected}'.");
            }
        }
        await WaitForSettingsAsync(cluster, survivors[1], "2");
        var history = Runs(await survivors[1].Client.GetJsonAsync("/api/gitops/sources/paused/history", ct));
        output.WriteLine($"History of 'paused', newest first (the frozen silo's unfinished run keeps its number, unrecorded): {string.Join("; ", history)}");
        var numbers = history.Select(r => r.Number).ToArray();
        Assert.True(numbers.Distinct().Count() == numbers.Length, $"Run numbers repeat after the freeze: {string.Join(", ", numbers)}");
    }

    /// <summary>Whether a write answered 2xx, and what it answered (a status, an error, or nothing within <paramref name="patience"/>).</summary>
    private static async Task<(bool Landed, string Outcome)> AwaitStaleWriteAsync(
        Task<(HttpStatusCode Status, JsonNode? Body)> answer, TimeSpan patience)
    {
        if (await Task.WhenAny(answer, Task.Delay(patience)) != answer)
            return (false, $"no answer within {patience.TotalSeconds:0} s of the resume");
        try
        {
            var (status, body) = await answer;
            return ((int)status is >= 200 and < 300, $"{(int)status} {body?["reason"]} {body?["message"]}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (false, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Waits until <paramref name="through"/> shows the source's ConfigMap at <paramref name="version"/> and a successful run of it.</summary>
    private static Task WaitForSettingsAsync(MultiSiloCluster cluster, SiloProcess through, string version) =>
        Eventually.HoldsAsync($"silo {through.Name} to serve settings version {version}", async token =>
        {
            var settings = await through.Client.GetAsync("/api/v1/namespaces/paused/configmaps/settings", token);
            var history = Runs(await through.Client.GetJsonAsync("/api/gitops/sources/paused/history", token));
            var served = settings?["data"]?["version"]?.GetValue<string>();
            return (served == version && history.FirstOrDefault()?.Result == "Succeeded",
                $"version {served ?? "missing"}; history {string.Join("; ", history.Select(r => r.ToString()))}");
        }, Patience, cluster.LiveProcesses);

    private sealed record Run(long Number, string Trigger, string? Commit, string Result)
    {
        public override string ToString() => $"#{Number} {Trigger} {Commit?[..8] ?? "-"} {Result}";
    }

    private static IReadOnlyList<Run> Runs(JsonNode history) =>
        history.AsArray().Select(r => new Run(r!["number"]!.GetValue<long>(), r["trigger"]!.GetValue<string>(),
            r["commit"]?.GetValue<string>(), r["result"]!.GetValue<string>())).ToArray();

    /// <summary>
    /// Waits until the Deployment runs <see cref="Replicas"/> available pods of <paramref name="image"/>, all of
    /// its newest ReplicaSet and none other (terminating ones included), checking on every look that no
    /// node holds more pods than its capacity.
    /// </summary>
    private static Task WaitForRolloutAsync(MultiSiloCluster cluster, SiloProcess through, string image, List<string> overfull) =>
        Eventually.HoldsAsync($"{Replicas} available pods of {image}", async token =>
        {
            var client = through.Client;
            var deployment = await client.GetAsync("/apis/apps/v1/namespaces/fleet/deployments/web", token);
            var replicaSets = await client.ListAsync("/apis/apps/v1/namespaces/fleet/replicasets", token);
            var pods = await client.ListAsync("/api/v1/namespaces/fleet/pods", token);
            var nodes = await client.ListAsync("/api/v1/nodes", token);
            overfull.AddRange(Overfull(nodes, pods));

            var current = replicaSets.FirstOrDefault(rs => rs["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]?.GetValue<string>() == image);
            var hash = current?["metadata"]?["labels"]?["pod-template-hash"]?.GetValue<string>();
            var status = deployment?["status"];
            var done = hash is not null
                       && status?["updatedReplicas"]?.GetValue<int>() == Replicas
                       && status["availableReplicas"]?.GetValue<int>() == Replicas
                       && status["replicas"]?.GetValue<int>() == Replicas
                       && pods.Count == Replicas
                       && pods.All(p => IsLive(p) && Phase(p) == "Running" && Image(p) == image
                                        && p["metadata"]?["labels"]?["pod-template-hash"]?.GetValue<string>() == hash);
            var byImage = string.Join(", ", pods.GroupBy(p => $"{Image(p)} {Phase(p)}{(IsLive(p) ? "" : " terminating")}")
                .Select(g => $"{g.Count()} {g.Key}"));
            return (done, $"deployment status {status?.ToJsonString()}; {pods.Count} pods: {byImage}");
        }, Patience, cluster.LiveProcesses);

    /// <summary>The nodes holding more pods than their <c>status.capacity.pods</c>, with the pods on each.</summary>
    private static IEnumerable<string> Overfull(IEnumerable<JsonObject> nodes, IReadOnlyList<JsonObject> pods) =>
        from node in nodes
        let name = node["metadata"]!["name"]!.GetValue<string>()
        let capacity = int.Parse(node["status"]?["capacity"]?["pods"]?.GetValue<string>() ?? "0")
        let held = pods.Where(p => Node(p) == name && Phase(p) is not ("Succeeded" or "Failed")).ToArray()
        where held.Length > capacity
        select $"{name}: {held.Length} pods > capacity {capacity}: {Describe(held)}";

    /// <summary>What must survive a failover: every ConfigMap, node, the namespace and the Deployment, by uid.</summary>
    private static async Task<Dictionary<string, string>> SnapshotAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        var objects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var map in await client.ListAsync("/api/v1/namespaces/fleet/configmaps", cancellationToken))
            objects[$"configmap/{map["metadata"]!["name"]}"] = $"{map["metadata"]!["uid"]} {map["data"]?.ToJsonString()}";
        foreach (var node in await client.ListAsync("/api/v1/nodes", cancellationToken))
            objects[$"node/{node["metadata"]!["name"]}"] = node["metadata"]!["uid"]!.GetValue<string>();
        var ns = await client.GetAsync("/api/v1/namespaces/fleet", cancellationToken);
        objects["namespace/fleet"] = ns?["metadata"]?["uid"]?.GetValue<string>() ?? "missing";
        var deployment = await client.GetAsync("/apis/apps/v1/namespaces/fleet/deployments/web", cancellationToken);
        objects["deployment/web"] = deployment?["metadata"]?["uid"]?.GetValue<string>() ?? "missing";
        return objects;
    }
}
