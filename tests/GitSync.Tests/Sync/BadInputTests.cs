using GitOps.GitSync.Sync;
using GitOps.GitSync.Tests.Support;
using static GitOps.GitSync.Tests.Support.Manifests;

namespace GitOps.GitSync.Tests.Sync;

public sealed class BadInputTests
{
    private static void Shop(TestRepository repo) => repo
        .Write("apps/namespace.yaml", Namespace("shop"))
        .Write("apps/web.yaml", Join(Deployment("shop", "web"), Service("shop", "web")))
        .Write("apps/config.yaml", ConfigMap("shop", "settings"));

    [Fact]
    public async Task A_broken_file_is_reported_with_its_line_while_good_files_apply_and_its_objects_are_neither_updated_nor_pruned()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        var webBefore = await scenario.Host.GetAsync("apps", "Deployment", "shop", "web");

        var status = await scenario.CommitAndSyncAsync("typo", r => r
            .Write("apps/web.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: [unclosed\n")
            .Write("apps/config.yaml", ConfigMap("shop", "settings", "v2"))
            .Write("apps/extra.yaml", ConfigMap("shop", "extra")));

        Assert.Equal(SourcePhase.Degraded, status.Phase);
        var error = Assert.Single(status.Errors);
        Assert.Equal("apps/web.yaml", error.Path);
        Assert.True(error.Line >= 1);
        Assert.Equal("v2", (await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings"))!.Root["data"]!["setting"]!.GetValue<string>());
        Assert.NotNull(await scenario.Host.GetAsync("", "ConfigMap", "shop", "extra"));
        var webAfter = await scenario.Host.GetAsync("apps", "Deployment", "shop", "web");
        Assert.Equal(webBefore!.Metadata.ResourceVersion, webAfter!.Metadata.ResourceVersion);
        Assert.NotNull(await scenario.Host.GetAsync("", "Service", "shop", "web"));
        Assert.Equal(0, status.LastRun!.Pruned);
        Assert.Equal(ObjectSyncCode.Failed, status.Objects.Single(o => o.Key == "apps/Deployment/shop/web").Status);
        Assert.Equal(SyncRunResult.Degraded, status.LastRun.Result);

        var fixedStatus = await scenario.CommitAndSyncAsync("fix typo", r => r.Write("apps/web.yaml", Join(Deployment("shop", "web", 3), Service("shop", "web"))));
        Assert.Equal(SourcePhase.Synced, fixedStatus.Phase);
        Assert.Empty(fixedStatus.Errors);
        Assert.All(fixedStatus.Objects, o => Assert.Equal(ObjectSyncCode.Synced, o.Status));
    }

    [Fact]
    public async Task Duplicate_objects_are_reported_at_both_places_and_neither_wins()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);

        var status = await scenario.CommitAndSyncAsync("duplicate", r => r.Write("apps/copy.yaml", ConfigMap("shop", "settings", "other")));

        Assert.Equal(SourcePhase.Degraded, status.Phase);
        Assert.Equal(["apps/config.yaml", "apps/copy.yaml"], status.Errors.Select(e => e.Path).Order());
        Assert.All(status.Errors, e => Assert.Contains("declared more than once", e.Message));
        Assert.Equal("v1", (await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings"))!.Root["data"]!["setting"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unreachable_repository_fails_the_sync_and_keeps_the_last_synced_state()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        var synced = await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        var moved = scenario.Repository.Directory + "-moved";
        Directory.Move(scenario.Repository.Directory, moved);
        try
        {
            var status = await scenario.Host.SyncAsync(SyncScenario.SourceName);

            Assert.Equal(SourcePhase.Failed, status.Phase);
            Assert.Contains("could not be reached", status.Message);
            Assert.Equal(synced.LastSyncedCommit, status.LastSyncedCommit);
            Assert.Equal(4, status.ObjectsManaged);
            Assert.NotNull(await scenario.Host.GetAsync("apps", "Deployment", "shop", "web"));

            Directory.Move(moved, scenario.Repository.Directory);
            var recovered = await scenario.CommitAndSyncAsync("new commit supersedes the failure", r => r.Write("apps/config.yaml", ConfigMap("shop", "settings", "v3")));
            Assert.Equal(SourcePhase.Synced, recovered.Phase);
        }
        finally
        {
            if (Directory.Exists(moved))
                Directory.Move(moved, scenario.Repository.Directory);
        }
    }
}
