using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using GitOps.GitSync.Git;
using GitOps.GitSync.Sync;
using GitOps.GitSync.Tests.Support;
using GitOps.TestSupport;
using static GitOps.GitSync.Tests.Support.Manifests;

namespace GitOps.GitSync.Tests.Limits;

/// <summary>A failing source backs off, syncs wait for a slot, and a removed source leaves no mirror, over the GitOps API.</summary>
public sealed class SourceBackoffTests
{
    private static readonly Action<TestRepository> Seed = repo => repo.Write("apps/config.yaml", ConfigMap("default", "settings"));

    [Fact]
    public async Task A_failing_source_waits_longer_after_each_failure_up_to_RetryMaxDelay_and_a_manual_sync_resets_it()
    {
        await using var scenario = await SyncScenario.CreateAsync(Seed, settings: new Dictionary<string, string?> { ["GitOps:RetryMaxDelay"] = "4s" });
        using var flaky = TestRepository.Create();
        flaky.Write("flaky/config.yaml", ConfigMap("default", "flaky")).Commit("flaky");
        await using var http = await GitHttpServer.StartAsync(TestRepository.RootDirectory, CancellationToken.None);
        var added = await scenario.Host.Client.PostAsJsonAsync("/api/gitops/sources",
            new { name = "flaky", url = flaky.HttpUrl(http), branch = "release", pollInterval = "1s", allowInsecureHttp = true });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        var status = await scenario.Host.WaitForRunAsync("flaky", 5, TimeSpan.FromSeconds(90));
        var runs = (await scenario.Host.Source("flaky").GetHistoryAsync(CancellationToken.None)).Reverse().ToList();
        Assert.All(runs, r => Assert.Equal(SyncRunResult.Failed, r.Result));
        // Run n failed n times in a row: the next waits one poll interval (1 s) doubled n-1 times, at most 4 s, less 20 % jitter.
        for (var n = 1; n < runs.Count; n++)
        {
            var expected = Math.Min(4, Math.Pow(2, n - 1));
            var waited = (runs[n].StartedAt - runs[n - 1].FinishedAt).TotalSeconds;
            Assert.True(waited >= 0.8 * expected - 0.05, $"run {runs[n].Number} started {waited:F2} s after run {runs[n - 1].Number} failed; the backoff is {expected} s less 20 %");
        }
        Assert.Equal((int)status.LastRun!.Number, status.ConsecutiveFailures);
        var details = await scenario.Host.GetJsonAsync<JsonElement>("/api/gitops/sources/flaky");
        Assert.True(details.GetProperty("consecutiveFailures").GetInt32() >= 5);
        Assert.True(details.GetProperty("nextAttemptAt").GetDateTimeOffset() > status.LastRun.FinishedAt);

        // A manual sync runs at once and starts the count again.
        var manual = await scenario.Host.Client.PostAsync("/api/gitops/sources/flaky/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, manual.StatusCode);
        var run = (await manual.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runNumber").GetInt64();
        var afterManual = await scenario.Host.WaitForRunAsync("flaky", run);
        Assert.Equal(1, afterManual.ConsecutiveFailures);

        flaky.Branch("release");
        flaky.Commit("the branch exists now");
        manual = await scenario.Host.Client.PostAsync("/api/gitops/sources/flaky/sync", null);
        var fixedRun = await scenario.Host.WaitForRunAsync("flaky", (await manual.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runNumber").GetInt64());
        // Not the phase: with a 1 s poll interval the next poll may already be Syncing when the status is read.
        Assert.Equal(SyncRunResult.Succeeded, fixedRun.LastRun!.Result);
        Assert.Equal((0, null), (fixedRun.ConsecutiveFailures, fixedRun.NextAttemptAt));
    }

    [Fact]
    public async Task Beyond_MaxConcurrentSyncs_a_sync_waits_its_turn_and_its_status_shows_its_place()
    {
        // A server that accepts connections and never answers holds the one slot until GitTimeout.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            while (true)
                held.Add(await silent.AcceptTcpClientAsync());
        });
        await using var scenario = await SyncScenario.CreateAsync(Seed, settings: new Dictionary<string, string?>
        {
            ["GitOps:MaxConcurrentSyncs"] = "1",
            ["GitOps:GitTimeout"] = "6s",
        });
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);

        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        Assert.Equal(HttpStatusCode.Created, (await scenario.Host.Client.PostAsJsonAsync("/api/gitops/sources",
            new { name = "stuck", url = $"https://127.0.0.1:{port}/org/repo.git", pollInterval = "1h" })).StatusCode);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (held.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the stuck source's fetch never connected");
            await Task.Delay(20);
        }
        var triggered = await scenario.Host.Client.PostAsync($"/api/gitops/sources/{SyncScenario.SourceName}/sync", null);
        var run = (await triggered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runNumber").GetInt64();

        var waiting = await scenario.Host.GetJsonAsync<JsonElement>($"/api/gitops/sources/{SyncScenario.SourceName}");
        Assert.Equal("Syncing", waiting.GetProperty("phase").GetString());
        Assert.Equal(1, waiting.GetProperty("waitingForSyncSlot").GetInt32());

        var apps = await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, run);
        var stuck = await scenario.Host.WaitForRunAsync("stuck", 1);
        Assert.Equal(SourcePhase.Failed, stuck.Phase);
        Assert.Equal(SourcePhase.Synced, apps.Phase);
        Assert.True(apps.LastRun!.StartedAt >= stuck.LastRun!.FinishedAt,
            $"the waiting sync started at {apps.LastRun.StartedAt:O}, before the one holding the slot ended at {stuck.LastRun.FinishedAt:O}");
        Assert.Null(apps.WaitingForSyncSlot);
        silent.Stop();
        foreach (var client in held)
            client.Dispose();
        await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task Removing_a_source_deletes_its_mirror()
    {
        await using var scenario = await SyncScenario.CreateAsync(Seed);
        using var other = TestRepository.Create();
        other.Write("infra/config.yaml", ConfigMap("default", "infra-settings")).Commit("infra");
        await using var http = await GitHttpServer.StartAsync(TestRepository.RootDirectory, CancellationToken.None);
        Assert.Equal(HttpStatusCode.Created, (await scenario.Host.Client.PostAsJsonAsync("/api/gitops/sources",
            new { name = "infra", url = other.HttpUrl(http), pollInterval = "1h", allowInsecureHttp = true })).StatusCode);
        await scenario.Host.WaitForRunAsync("infra", 1);
        var mirror = GitMirror.DirectoryFor(scenario.Cache.Path, "infra", other.HttpUrl(http));
        Assert.True(Directory.Exists(mirror), $"{mirror} was not created by the sync");

        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Host.Client.DeleteAsync("/api/gitops/sources/infra")).StatusCode);

        Assert.False(Directory.Exists(mirror), $"{mirror} is still there after the source was removed");
        Assert.True(Directory.Exists(GitMirror.DirectoryFor(scenario.Cache.Path, SyncScenario.SourceName, scenario.Repository.Url)));
    }

    [Fact]
    public async Task A_source_whose_url_changed_deletes_the_old_mirror()
    {
        await using var scenario = await SyncScenario.CreateAsync(Seed);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        var oldMirror = GitMirror.DirectoryFor(scenario.Cache.Path, SyncScenario.SourceName, scenario.Repository.Url);
        Assert.True(Directory.Exists(oldMirror), $"{oldMirror} was not created by the first sync");
        using var moved = TestRepository.Create();
        Seed(moved);
        moved.Commit("the repository moved");

        scenario.Settings["GitOps:Sources:0:Url"] = moved.Url;
        await scenario.RestartAsync();
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 2);

        Assert.False(Directory.Exists(oldMirror), $"{oldMirror} of the old URL is still there");
        Assert.True(Directory.Exists(GitMirror.DirectoryFor(scenario.Cache.Path, SyncScenario.SourceName, moved.Url)));
    }
}
