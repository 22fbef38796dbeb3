using System.Text.Json;
using GitOps.GitSync.Sync;
using GitOps.GitSync.Tests.Support;
using static GitOps.GitSync.Tests.Support.Manifests;

namespace GitOps.GitSync.Tests.Sync;

public sealed class SourcePathTests
{
    private static void Production(TestRepository repo) => repo
        .Write("deploy/prod/namespace.yaml", Namespace("shop"))
        .Write("deploy/prod/web.yaml", Join(Deployment("shop", "web"), Service("shop", "web")))
        .Write("deploy/prod/config.yaml", ConfigMap("shop", "settings"))
        .Write("docs/README.md", "# how we deploy\n");

    [Fact]
    public async Task A_path_gone_from_the_synced_commit_fails_the_sync_by_name_and_prunes_nothing()
    {
        await using var scenario = await SyncScenario.CreateAsync(Production, prune: true, paths: ["deploy/prod"]);
        var synced = await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        Assert.Equal(SourcePhase.Synced, synced.Phase);
        Assert.Equal(4, synced.ObjectsManaged);

        scenario.Repository.Move("deploy/prod", "deploy/production");
        var renamed = scenario.Repository.Commit("rename the prod folder");
        var status = await scenario.Host.SyncAsync(SyncScenario.SourceName);

        Assert.Equal(SourcePhase.Failed, status.Phase);
        Assert.Equal(SyncRunResult.Failed, status.LastRun!.Result);
        Assert.Equal(renamed, status.LastRun.Commit);
        Assert.Equal((0, 0, 0), (status.LastRun.Created, status.LastRun.Updated, status.LastRun.Pruned));
        foreach (var expected in new[] { "'deploy/prod'", $"source '{SyncScenario.SourceName}'", renamed, "does not exist", "Paths" })
            Assert.Contains(expected, status.Message);
        Assert.Equal(synced.LastSyncedCommit, status.LastSyncedCommit);
        Assert.Equal(renamed, status.LastFetchedCommit);
        Assert.Equal(4, status.ObjectsManaged);
        Assert.All(status.Objects, o => Assert.Equal(ObjectSyncCode.Synced, o.Status));
        Assert.NotNull(await scenario.Host.GetAsync("", "Namespace", "", "shop"));
        Assert.NotNull(await scenario.Host.GetAsync("apps", "Deployment", "shop", "web"));
        Assert.NotNull(await scenario.Host.GetAsync("", "Service", "shop", "web"));
        Assert.NotNull(await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings"));

        var diff = await scenario.Host.GetJsonAsync<JsonElement>("/api/gitops/sources/apps/diff");
        Assert.Contains("'deploy/prod'", diff.GetProperty("failure").GetString());
        Assert.Empty(diff.GetProperty("changes").EnumerateArray());

        scenario.Repository.Move("deploy/production", "deploy/prod");
        var restored = await scenario.CommitAndSyncAsync("put the prod folder back", r => r.Write("deploy/prod/config.yaml", ConfigMap("shop", "settings", "v2")));
        Assert.Equal(SourcePhase.Synced, restored.Phase);
        Assert.Equal((1, 0), (restored.LastRun!.Updated, restored.LastRun.Pruned));
        Assert.Equal(4, restored.ObjectsManaged);
    }

    [Fact]
    public async Task A_misspelt_path_fails_the_first_sync_and_applies_nothing()
    {
        await using var scenario = await SyncScenario.CreateAsync(Production, paths: ["deploy/prod", "deploy/prdo"]);

        var status = await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);

        Assert.Equal(SourcePhase.Failed, status.Phase);
        Assert.Contains("'deploy/prdo'", status.Message);
        Assert.DoesNotContain("'deploy/prod'", status.Message);
        Assert.Contains(status.LastFetchedCommit!, status.Message);
        Assert.Null(status.LastSyncedCommit);
        Assert.Equal(0, status.ObjectsManaged);
        Assert.Null(await scenario.Host.GetAsync("", "Namespace", "", "shop"));
        Assert.Null(await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings"));
    }

    [Fact]
    public async Task A_path_that_exists_without_manifests_syncs_with_no_objects()
    {
        await using var scenario = await SyncScenario.CreateAsync(Production, paths: ["docs"]);

        var status = await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);

        Assert.Equal(SourcePhase.Synced, status.Phase);
        Assert.Equal(SyncRunResult.Succeeded, status.LastRun!.Result);
        Assert.Equal(0, status.ObjectsManaged);
        Assert.NotNull(status.LastSyncedCommit);
        Assert.Null(await scenario.Host.GetAsync("", "Namespace", "", "shop"));
    }
}
