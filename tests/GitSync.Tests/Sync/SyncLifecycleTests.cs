using GitOps.GitSync.Sync;
using GitOps.GitSync.Tests.Support;
using GitOps.Model.Objects;
using static GitOps.GitSync.Tests.Support.Manifests;

namespace GitOps.GitSync.Tests.Sync;

public sealed class SyncLifecycleTests
{
    private static void Shop(TestRepository repo) => repo
        .Write("apps/namespace.yaml", Namespace("shop"))
        .Write("apps/web.yaml", Join(Deployment("shop", "web"), Service("shop", "web")))
        .Write("apps/config.yml", ConfigMap("shop", "settings"))
        .Write("apps/README.md", "not a manifest");

    [Fact]
    public async Task Initial_sync_applies_every_object_with_its_source_and_records_the_run()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        var status = await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);

        Assert.True(status.Phase == SourcePhase.Synced, $"{status.Phase}: {status.Message}");
        Assert.Equal(4, status.ObjectsManaged);
        Assert.All(status.Objects, o => Assert.Equal(ObjectSyncCode.Synced, o.Status));
        var run = status.LastRun!;
        Assert.Equal((4, 0, 0, 0, 0), (run.Created, run.Updated, run.Unchanged, run.Pruned, run.Failed));
        Assert.Equal(scenario.Repository.Git("rev-parse", "HEAD").Trim(), status.LastSyncedCommit!.Sha);
        Assert.Equal("initial manifests", status.LastSyncedCommit.Message);
        Assert.Equal("Test Author", status.LastSyncedCommit.Author);

        var web = await scenario.Host.GetAsync("apps", "Deployment", "shop", "web");
        Assert.NotNull(web);
        Assert.Equal(SyncScenario.SourceName, web.Metadata.GetLabel(GitOpsMetadata.SourceLabel));
        Assert.Equal("apps/web.yaml", web.Metadata.GetAnnotation(GitOpsMetadata.PathAnnotation));
        Assert.Equal(status.LastSyncedCommit.Sha, web.Metadata.GetAnnotation(GitOpsMetadata.CommitAnnotation));
        Assert.NotNull(await scenario.Host.GetAsync("", "Namespace", "", "shop"));
    }

    [Fact]
    public async Task Changing_replicas_updates_only_that_object_and_bumps_its_generation()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        var before = await scenario.Host.GetAsync("apps", "Deployment", "shop", "web");
        var configBefore = await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings");

        var status = await scenario.CommitAndSyncAsync("scale web", r => r.Write("apps/web.yaml", Join(Deployment("shop", "web", replicas: 5), Service("shop", "web"))));

        var after = await scenario.Host.GetAsync("apps", "Deployment", "shop", "web");
        Assert.Equal(5, after!.Spec!["replicas"]!.GetValue<int>());
        Assert.Equal(before!.Metadata.Generation + 1, after.Metadata.Generation);
        Assert.Equal((0, 1, 3), (status.LastRun!.Created, status.LastRun.Updated, status.LastRun.Unchanged));
        var configAfter = await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings");
        Assert.Equal(configBefore!.Metadata.ResourceVersion, configAfter!.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Renaming_an_object_prunes_the_old_name_and_creates_the_new()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);

        var status = await scenario.CommitAndSyncAsync("rename settings", r => r.Write("apps/config.yml", ConfigMap("shop", "settings-v2")));

        Assert.Null(await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings"));
        Assert.NotNull(await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings-v2"));
        Assert.Equal((1, 1), (status.LastRun!.Created, status.LastRun.Pruned));
        Assert.DoesNotContain(status.Objects, o => o.Key.EndsWith("/settings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleting_a_file_prunes_its_objects()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);

        var status = await scenario.CommitAndSyncAsync("drop web", r => r.Delete("apps/web.yaml"));

        Assert.Null(await scenario.Host.GetAsync("apps", "Deployment", "shop", "web"));
        Assert.Null(await scenario.Host.GetAsync("", "Service", "shop", "web"));
        Assert.Equal(2, status.LastRun!.Pruned);
        Assert.Equal(2, status.ObjectsManaged);
    }

    [Fact]
    public async Task With_prune_off_removed_objects_are_kept_and_reported_out_of_sync()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop, prune: false);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);

        var status = await scenario.CommitAndSyncAsync("drop config", r => r.Delete("apps/config.yml"));

        Assert.NotNull(await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings"));
        Assert.Equal(0, status.LastRun!.Pruned);
        var kept = Assert.Single(status.Objects, o => o.Key == "/ConfigMap/shop/settings");
        Assert.Equal(ObjectSyncCode.OutOfSync, kept.Status);
        Assert.Contains("Prune is off", kept.Message);
    }

    [Fact]
    public async Task Restart_resumes_from_persisted_state_without_rewriting_unchanged_objects()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        var first = await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        var versionBefore = await scenario.Host.Store.GetCurrentResourceVersionAsync(CancellationToken.None);

        await scenario.RestartAsync();
        var status = await scenario.Host.SyncAsync(SyncScenario.SourceName);

        Assert.True(status.LastRun!.Number > first.LastRun!.Number);
        Assert.Equal((0, 0, 0, 4), (status.LastRun.Created, status.LastRun.Updated, status.LastRun.Pruned, status.LastRun.Unchanged));
        Assert.Equal(versionBefore, await scenario.Host.Store.GetCurrentResourceVersionAsync(CancellationToken.None));
        var history = await scenario.Host.Source(SyncScenario.SourceName).GetHistoryAsync(CancellationToken.None);
        Assert.True(history.Count >= 2);
    }

    [Fact]
    public async Task A_restart_with_the_same_settings_starts_no_sync()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);

        // The restarted silo defines the source again from configuration; its persisted spec is a copy.
        await scenario.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        var history = await scenario.Host.Source(SyncScenario.SourceName).GetHistoryAsync(CancellationToken.None);
        Assert.Equal(["configured"], history.Select(r => r.Trigger));
    }

    [Fact]
    public async Task Triggers_during_a_sync_coalesce_into_exactly_one_follow_up()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        var source = scenario.Host.Source(SyncScenario.SourceName);

        var results = new List<GitSync.Grains.TriggerResult>();
        for (var i = 0; i < 5; i++)
            results.Add(await source.TriggerSyncAsync("burst", CancellationToken.None));

        Assert.Equal(GitSync.Grains.TriggerOutcome.Started, results[0].Outcome);
        Assert.Equal(GitSync.Grains.TriggerOutcome.Queued, results[1].Outcome);
        Assert.All(results.Skip(2), r => Assert.Equal(GitSync.Grains.TriggerOutcome.AlreadyQueued, r.Outcome));
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 3);
        await Task.Delay(500);
        var history = await source.GetHistoryAsync(CancellationToken.None);
        Assert.Equal(3, history.Count);
        Assert.Equal(["follow-up", "burst", "configured"], history.Select(r => r.Trigger));
    }
}
