using GitOps.GitSync.Sync;
using GitOps.GitSync.Tests.Support;
using static GitOps.GitSync.Tests.Support.Manifests;

namespace GitOps.GitSync.Tests.Sync;

public sealed class DamagedMirrorTests
{
    [Fact]
    public async Task A_damaged_mirror_fails_the_sync_keeping_the_objects_and_the_next_sync_recovers_with_a_fresh_mirror()
    {
        await using var scenario = await SyncScenario.CreateAsync(repo => repo
            .Write("apps/namespace.yaml", Namespace("shop"))
            .Write("apps/config.yaml", ConfigMap("shop", "settings")));
        var synced = await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        Assert.Equal(SourcePhase.Synced, synced.Phase);
        var mirror = MirrorDamage.SingleMirrorIn(scenario.Cache.Path);
        MirrorDamage.Inflict(mirror);

        var failed = await scenario.CommitAndSyncAsync("v2", r => r.Write("apps/config.yaml", ConfigMap("shop", "settings", "v2")));

        Assert.Equal(SourcePhase.Failed, failed.Phase);
        Assert.Contains($"The mirror of '{scenario.Repository.Url}' in {mirror} could not be read", failed.Message);
        Assert.Contains("the next sync fetches a fresh copy", failed.Message);
        Assert.Equal(synced.LastSyncedCommit, failed.LastSyncedCommit);
        Assert.Equal("v1", (await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings"))!.Root["data"]!["setting"]!.GetValue<string>());

        var recovered = await scenario.Host.SyncAsync(SyncScenario.SourceName);

        Assert.Equal(SourcePhase.Synced, recovered.Phase);
        Assert.Equal("v2", (await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings"))!.Root["data"]!["setting"]!.GetValue<string>());
    }
}
