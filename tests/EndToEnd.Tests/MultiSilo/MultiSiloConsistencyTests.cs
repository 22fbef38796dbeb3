using System.Net;
using System.Text.Json.Nodes;
using GitOps.EndToEnd.Tests.Harness;
using GitOps.TestSupport;
using Xunit.Abstractions;

namespace GitOps.EndToEnd.Tests.MultiSilo;

/// <summary>
/// Three silo processes on one database behave as one API server: one writer per object whichever
/// silo is called, one view of Git sources and their history, and watches that see every silo's writes.
/// </summary>
[Collection(MultiSiloCollection.Name)]
public sealed class MultiSiloConsistencyTests(ThreeSiloCluster fixture, ITestOutputHelper output) : IClassFixture<ThreeSiloCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private MultiSiloCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Concurrent_creates_of_one_object_through_every_silo_make_exactly_one_winner()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cancellation.Token;
        const string path = "/api/v1/namespaces/race/configmaps";

        for (var round = 0; round < 20; round++)
        {
            var name = $"contested-{round}";
            // Every silo's request is in flight before any answer is read.
            var attempts = Cluster.Silos.Select(silo => (Silo: silo,
                Answer: silo.Client.SendJsonAsync(HttpMethod.Post, path, Manifests.ConfigMap("race", name, silo.Name), ct))).ToArray();
            await Task.WhenAll(attempts.Select(a => a.Answer));
            var answers = attempts.Select(a => (a.Silo, a.Answer.Result.Status, a.Answer.Result.Body)).ToArray();
            var described = string.Join("; ", answers.Select(a => $"{a.Silo.Name}: {(int)a.Status} {a.Body?["reason"]}"));

            var winners = answers.Where(a => a.Status == HttpStatusCode.Created).ToArray();
            Assert.True(winners.Length == 1, $"Round {round}: expected exactly one 201 Created, got {described}");
            var losers = answers.Where(a => a.Status != HttpStatusCode.Created).ToArray();
            Assert.True(losers.All(a => a.Status == HttpStatusCode.Conflict && a.Body?["reason"]?.GetValue<string>() == "AlreadyExists"),
                $"Round {round}: expected 409 AlreadyExists for the others, got {described}");

            // What every silo serves is what the winner wrote, at the resourceVersion its 201 answered.
            var winner = winners[0];
            var version = winner.Body?["metadata"]?["resourceVersion"]?.GetValue<string>();
            foreach (var silo in Cluster.Silos)
            {
                await Eventually.HoldsAsync($"silo {silo.Name} to serve {name} as silo {winner.Silo.Name} created it", async token =>
                {
                    var stored = await silo.Client.GetAsync($"{path}/{name}", token);
                    var value = stored?["data"]?["value"]?.GetValue<string>();
                    var storedVersion = stored?["metadata"]?["resourceVersion"]?.GetValue<string>();
                    return (value == winner.Silo.Name && storedVersion == version, stored?.ToJsonString() ?? "not found");
                }, TimeSpan.FromSeconds(15), Cluster.LiveProcesses);
            }
        }
        output.WriteLine("20 rounds of 3 concurrent creates through silos A, B and C: one 201 and two 409 AlreadyExists each.");
    }

    [Fact]
    public async Task A_source_added_through_one_silo_is_listed_by_all_and_its_history_is_one_on_every_silo()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cancellation.Token;
        using var repository = await GitRepository.CreateAsync(ct);
        var first = await repository.CommitAsync("Settings version 1", Manifests.VersionedConfigMap("shared", "1"), ct);
        var (a, b, c) = (Cluster.Silos[0], Cluster.Silos[1], Cluster.Silos[2]);

        await using var http = await GitHttpServer.StartAsync(GitRepository.RootDirectory, ct);
        var (status, body) = await a.Client.SendJsonAsync(HttpMethod.Post, "/api/gitops/sources", Manifests.Source("shared", repository.HttpUrl(http), "2s"), ct);
        Assert.True(status == HttpStatusCode.Created, $"POST /api/gitops/sources through silo A answered {(int)status}: {body?.ToJsonString()}");

        // Listed at once by the other silos: no poll, no cache to wait for.
        foreach (var silo in new[] { b, c })
        {
            var listed = (await silo.Client.GetJsonAsync("/api/gitops/sources", ct)).AsArray();
            Assert.True(listed.Any(s => s?["name"]?.GetValue<string>() == "shared"),
                $"Silo {silo.Name} does not list the source added through silo A: {listed.ToJsonString()}");
        }

        await WaitForSyncedAsync("shared", first, "1", ct);
        var second = await repository.CommitAsync("Settings version 2", Manifests.VersionedConfigMap("shared", "2"), ct);
        await WaitForSyncedAsync("shared", second, "2", ct);

        var history = await ReadHistoryEverywhereAsync("shared", ct);
        output.WriteLine($"History of 'shared' (newest first), identical on silos A, B and C:\n{Describe(history)}");

        var numbers = history.Select(r => r.Number).ToArray();
        Assert.True(numbers.Distinct().Count() == numbers.Length, $"Run numbers repeat: {string.Join(", ", numbers)}");
        Assert.True(numbers.Zip(numbers.Skip(1)).All(p => p.First == p.Second + 1),
            $"Run numbers are not consecutive, newest first: {string.Join(", ", numbers)}");
        Assert.All(history, r => Assert.Contains(r.Commit, new[] { first, second }));
        Assert.True(history.Where(r => r.Commit == first).Max(r => r.Number) < history.Where(r => r.Commit == second).Min(r => r.Number),
            $"A run of the first commit came after a run of the second:\n{Describe(history)}");
        Assert.All(history, r => Assert.Equal("Succeeded", r.Result));
        // Polls of an unchanged commit record runs too, but only the first run of each commit changes anything.
        var changing = history.Where(r => r.Created + r.Updated + r.Pruned > 0).OrderBy(r => r.Number).ToArray();
        Assert.True(changing.Length == 2 && changing[0].Commit == first && changing[1].Commit == second,
            $"Expected exactly one run applying each commit (the first creating, the second updating):\n{Describe(history)}");
        Assert.Equal((2, 0), (changing[0].Created, changing[0].Updated));
        Assert.Equal((0, 1), (changing[1].Created, changing[1].Updated));
    }

    [Fact]
    public async Task A_kubectl_watch_on_one_silo_sees_a_ConfigMap_created_through_another()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cancellation.Token;
        var (b, c) = (Cluster.Silos[1], Cluster.Silos[2]);
        const string path = "/api/v1/namespaces/watched/configmaps";

        var (status, _) = await c.Client.SendJsonAsync(HttpMethod.Post, path, Manifests.ConfigMap("watched", "before", "c"), ct);
        Assert.Equal(HttpStatusCode.Created, status);

        using var watch = KubectlWatch.Start(b.Client.Server, "get", "configmaps", "--namespace", "watched", "--watch", "--output", "name");
        // The initial list is printed first; once it shows 'before', the watch follows from the list's resourceVersion.
        await Eventually.HoldsAsync("kubectl on silo B to list configmap/before",
            _ => Task.FromResult((watch.Lines.Contains("configmap/before"), watch.Describe())), TimeSpan.FromSeconds(30), Cluster.LiveProcesses);

        (status, _) = await c.Client.SendJsonAsync(HttpMethod.Post, path, Manifests.ConfigMap("watched", "after", "c"), ct);
        Assert.Equal(HttpStatusCode.Created, status);

        await Eventually.HoldsAsync("kubectl's watch on silo B to show configmap/after, created through silo C",
            _ => Task.FromResult((watch.Lines.Contains("configmap/after"), watch.Describe())), TimeSpan.FromSeconds(30), Cluster.LiveProcesses);
        Assert.False(watch.HasExited, $"kubectl stopped watching: {watch.Describe()}");
    }

    private sealed record Run(long Number, string? Commit, string Result, int Created, int Updated, int Pruned, string Trigger);

    /// <summary>Waits until every silo shows a successful run of <paramref name="commit"/> and serves the ConfigMap at <paramref name="version"/>.</summary>
    private async Task WaitForSyncedAsync(string source, string commit, string version, CancellationToken cancellationToken)
    {
        foreach (var silo in Cluster.Silos)
        {
            await Eventually.HoldsAsync($"silo {silo.Name} to show commit {commit[..8]} synced", async token =>
            {
                var history = Runs(await silo.Client.GetJsonAsync($"/api/gitops/sources/{source}/history", token));
                var settings = await silo.Client.GetAsync($"/api/v1/namespaces/{source}/configmaps/settings", token);
                var served = settings?["data"]?["version"]?.GetValue<string>();
                return (history.Any(r => r.Commit == commit && r.Result == "Succeeded") && served == version,
                    $"ConfigMap version {served ?? "missing"}; history:\n{Describe(history)}");
            }, Patience, Cluster.LiveProcesses);
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// The history as all silos serve it at one moment: read on every silo at once, again until the
    /// three answers agree (a poll may land between two reads), and failing if they never do.
    /// </summary>
    private async Task<IReadOnlyList<Run>> ReadHistoryEverywhereAsync(string source, CancellationToken cancellationToken)
    {
        string[] answers = [];
        for (var attempt = 0; attempt < 20; attempt++)
        {
            answers = (await Task.WhenAll(Cluster.Silos.Select(s => s.Client.GetJsonAsync($"/api/gitops/sources/{source}/history", cancellationToken))))
                .Select(h => h.ToJsonString()).ToArray();
            if (answers.Distinct().Count() == 1)
                return Runs(JsonNode.Parse(answers[0])!);
            await Task.Delay(200, cancellationToken);
        }
        Assert.Fail($"The silos never agreed on the history of '{source}' in 20 reads:\n{string.Join("\n----\n", answers)}");
        return [];
    }

    private static IReadOnlyList<Run> Runs(JsonNode history) =>
        history.AsArray().Select(r => new Run(
            r!["number"]!.GetValue<long>(),
            r["commit"]?.GetValue<string>(),
            r["result"]!.GetValue<string>(),
            r["created"]!.GetValue<int>(),
            r["updated"]!.GetValue<int>(),
            r["pruned"]!.GetValue<int>(),
            r["trigger"]!.GetValue<string>())).ToArray();

    private static string Describe(IEnumerable<Run> history) =>
        string.Join("\n", history.Select(r =>
            $"  #{r.Number} {r.Trigger} {r.Commit?[..8] ?? "-"} {r.Result} created {r.Created} updated {r.Updated} pruned {r.Pruned}"));
}
