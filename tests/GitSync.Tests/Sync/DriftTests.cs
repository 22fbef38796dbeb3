using GitOps.Grains.Resources;
using GitOps.GitSync.Sync;
using GitOps.GitSync.Tests.Support;
using GitOps.Model.Objects;
using Microsoft.Extensions.DependencyInjection;
using static GitOps.GitSync.Tests.Support.Manifests;

namespace GitOps.GitSync.Tests.Sync;

public sealed class DriftTests
{
    private static void Shop(TestRepository repo) => repo
        .Write("apps/namespace.yaml", Namespace("shop"))
        .Write("apps/web.yaml", Deployment("shop", "web", replicas: 2))
        .Write("apps/config.yaml", ConfigMap("shop", "settings"));

    [Fact]
    public async Task With_self_heal_on_a_change_to_a_field_Git_owns_is_refused_naming_the_file_to_edit()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        var synced = await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);

        var web = (await scenario.Host.GetAsync("apps", "Deployment", "shop", "web"))!.DeepClone();
        web.Spec!["replicas"] = 9;
        var updated = await scenario.Host.Grains.GetGrain<IResourceGrain>("apps/Deployment/shop/web").UpdateAsync(web, CancellationToken.None);
        var deleted = await scenario.Host.Grains.GetGrain<IResourceGrain>("/ConfigMap/shop/settings").DeleteAsync(new DeleteRequest(), CancellationToken.None);

        Assert.True(await scenario.Host.Services.GetRequiredService<IGitSourceHealing>().HealsAsync(SyncScenario.SourceName, CancellationToken.None));
        foreach (var refused in new[] { updated, deleted })
        {
            Assert.Equal(ResourceOutcome.Forbidden, refused.Outcome);
            Assert.Contains(synced.LastSyncedCommit!.Sha, refused.Message);
        }
        Assert.Contains("apps/web.yaml", updated.Message);
        Assert.Contains("spec.replicas", updated.Message);
        Assert.Contains("apps/config.yaml", deleted.Message);
        Assert.Equal(2, (await scenario.Host.GetAsync("apps", "Deployment", "shop", "web"))!.Spec!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_change_made_while_self_heal_was_off_is_restored_and_recorded_once_it_is_on()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop, selfHeal: false);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        await ChangeWebAsync(scenario, web => web.Spec!["replicas"] = 9);

        await TurnSelfHealOnAsync(scenario);
        var status = await scenario.Host.SyncAsync(SyncScenario.SourceName);

        var restored = await scenario.Host.GetAsync("apps", "Deployment", "shop", "web");
        Assert.Equal(2, restored!.Spec!["replicas"]!.GetValue<int>());
        var drift = status.RecentDrifts[0];
        Assert.Equal(["spec.replicas"], drift.Fields);
        Assert.True(drift.Repaired);
        Assert.Equal("apps/web.yaml", drift.Path);
    }

    [Fact]
    public async Task Labels_and_annotations_others_add_and_status_writes_are_not_drift()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        var grain = scenario.Host.Grains.GetGrain<IResourceGrain>("apps/Deployment/shop/web");

        var web = (await scenario.Host.GetAsync("apps", "Deployment", "shop", "web"))!.DeepClone();
        web.Metadata.SetAnnotation("deployment.kubernetes.io/revision", "1");
        web.Metadata.SetLabel("added-by", "controller");
        Assert.Equal(ResourceOutcome.Updated, (await grain.UpdateAsync(web, CancellationToken.None)).Outcome);
        var withStatus = (await scenario.Host.GetAsync("apps", "Deployment", "shop", "web"))!.DeepClone();
        withStatus.EnsureStatus()["availableReplicas"] = 2;
        Assert.Equal(ResourceOutcome.Updated, (await grain.UpdateStatusAsync(withStatus, CancellationToken.None)).Outcome);

        var status = await scenario.Host.SyncAsync(SyncScenario.SourceName);

        Assert.Empty(status.RecentDrifts);
        Assert.Equal(0, status.LastRun!.DriftRepaired);
        var counts = scenario.Host.Services.GetRequiredService<GitOps.GitSync.Status.ClusterSummary>().Snapshot();
        Assert.Equal((1, 2L, 2L), (counts.Deployments.Total, counts.Deployments.DesiredReplicas, counts.Deployments.AvailableReplicas));
        Assert.Equal("1", (await scenario.Host.GetAsync("apps", "Deployment", "shop", "web"))!.Metadata.GetAnnotation("deployment.kubernetes.io/revision"));
    }

    [Fact]
    public async Task An_object_deleted_while_self_heal_was_off_is_recreated_once_it_is_on()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop, selfHeal: false);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        var deleted = await scenario.Host.Grains.GetGrain<IResourceGrain>("/ConfigMap/shop/settings").DeleteAsync(new DeleteRequest(), CancellationToken.None);
        Assert.Equal(ResourceOutcome.Deleted, deleted.Outcome);

        await TurnSelfHealOnAsync(scenario);
        var status = await scenario.Host.SyncAsync(SyncScenario.SourceName);

        Assert.NotNull(await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings"));
        Assert.True(status.RecentDrifts.First(d => d.Deleted).Repaired);
    }

    [Fact]
    public async Task With_self_heal_off_drift_is_reported_out_of_sync_and_writes_are_allowed()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop, selfHeal: false);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);

        var web = (await scenario.Host.GetAsync("apps", "Deployment", "shop", "web"))!.DeepClone();
        Assert.False(await scenario.Host.Services.GetRequiredService<IGitSourceHealing>().HealsAsync(SyncScenario.SourceName, CancellationToken.None));
        web.Spec!["replicas"] = 7;
        await scenario.Host.Grains.GetGrain<IResourceGrain>("apps/Deployment/shop/web").UpdateAsync(web, CancellationToken.None);

        var status = await WaitAsync(scenario, s => s.Objects.Any(o => o.Status == ObjectSyncCode.OutOfSync) && s.SyncingSince is null);
        Assert.Equal(7, (await scenario.Host.GetAsync("apps", "Deployment", "shop", "web"))!.Spec!["replicas"]!.GetValue<int>());
        Assert.Contains("changed outside Git", status.Objects.Single(o => o.Key == "apps/Deployment/shop/web").Message);

        var again = await scenario.Host.SyncAsync(SyncScenario.SourceName);
        Assert.Equal(ObjectSyncCode.OutOfSync, again.Objects.Single(o => o.Key == "apps/Deployment/shop/web").Status);
    }

    [Fact]
    public async Task With_self_heal_off_an_unchanged_drift_is_recorded_once_across_polls_and_a_restart()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop, selfHeal: false);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        await ChangeWebAsync(scenario, web => web.Spec!["replicas"] = 7);

        var detected = await WaitAsync(scenario, s => s.RecentDrifts.Count > 0 && s.SyncingSince is null);
        var first = Assert.Single(detected.RecentDrifts);
        Assert.Equal(["spec.replicas"], first.Fields);
        Assert.Equal((false, false), (first.Deleted, first.Repaired));

        for (var poll = 0; poll < 3; poll++)
        {
            var status = await scenario.Host.SyncAsync(SyncScenario.SourceName);
            Assert.Equal(ObjectSyncCode.OutOfSync, status.Objects.Single(o => o.Key == "apps/Deployment/shop/web").Status);
            AssertSameDrift(first, Assert.Single(status.RecentDrifts));
        }

        await scenario.RestartAsync();
        var afterRestart = await scenario.Host.SyncAsync(SyncScenario.SourceName);
        Assert.Equal(ObjectSyncCode.OutOfSync, afterRestart.Objects.Single(o => o.Key == "apps/Deployment/shop/web").Status);
        AssertSameDrift(first, Assert.Single(afterRestart.RecentDrifts));
        Assert.Equal(7, (await scenario.Host.GetAsync("apps", "Deployment", "shop", "web"))!.Spec!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task With_self_heal_off_a_drift_that_changes_or_comes_back_is_recorded_again()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop, selfHeal: false);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        await ChangeWebAsync(scenario, web => web.Spec!["replicas"] = 7);
        var first = Assert.Single((await scenario.Host.SyncAsync(SyncScenario.SourceName)).RecentDrifts);

        await ChangeWebAsync(scenario, web => web.Spec!["template"]!["spec"]!["containers"]![0]!["image"] = "nginx:1.28");
        var widened = await scenario.Host.SyncAsync(SyncScenario.SourceName);
        Assert.Equal(2, widened.RecentDrifts.Count);
        Assert.Equal(["spec.replicas", "spec.template.spec.containers"], widened.RecentDrifts[0].Fields);
        AssertSameDrift(first, widened.RecentDrifts[1]);

        await ChangeWebAsync(scenario, web =>
        {
            web.Spec!["replicas"] = 2;
            web.Spec["template"]!["spec"]!["containers"]![0]!["image"] = "nginx:1.27";
        });
        var healed = await scenario.Host.SyncAsync(SyncScenario.SourceName);
        Assert.Equal(ObjectSyncCode.Synced, healed.Objects.Single(o => o.Key == "apps/Deployment/shop/web").Status);
        Assert.Equal(2, healed.RecentDrifts.Count);

        await ChangeWebAsync(scenario, web => web.Spec!["replicas"] = 7);
        var again = await scenario.Host.SyncAsync(SyncScenario.SourceName);
        Assert.Equal(3, again.RecentDrifts.Count);
        Assert.Equal(["spec.replicas"], again.RecentDrifts[0].Fields);
    }

    [Fact]
    public async Task A_source_that_no_longer_exists_heals_nothing()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);

        var healing = scenario.Host.Services.GetRequiredService<IGitSourceHealing>();

        Assert.True(await healing.HealsAsync(SyncScenario.SourceName, CancellationToken.None));
        Assert.False(await healing.HealsAsync("removed-source", CancellationToken.None));
    }

    /// <summary>Restarts the silo with the source's SelfHeal setting on.</summary>
    private static async Task TurnSelfHealOnAsync(SyncScenario scenario)
    {
        scenario.Settings["GitOps:Sources:0:SelfHeal"] = "True";
        await scenario.RestartAsync();
    }

    private static async Task ChangeWebAsync(SyncScenario scenario, Action<KubeObject> change)
    {
        var web = (await scenario.Host.GetAsync("apps", "Deployment", "shop", "web"))!.DeepClone();
        change(web);
        var updated = await scenario.Host.Grains.GetGrain<IResourceGrain>("apps/Deployment/shop/web").UpdateAsync(web, CancellationToken.None);
        Assert.Equal(ResourceOutcome.Updated, updated.Outcome);
    }

    private static void AssertSameDrift(DriftRecord expected, DriftRecord actual)
    {
        Assert.Equal((expected.Object, expected.Path, expected.Deleted, expected.Repaired, expected.DetectedAt),
            (actual.Object, actual.Path, actual.Deleted, actual.Repaired, actual.DetectedAt));
        Assert.Equal(expected.Fields, actual.Fields);
    }

    private static async Task<GitSync.Grains.SourceStatus> WaitAsync(SyncScenario scenario, Func<GitSync.Grains.SourceStatus, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var status = await scenario.Host.Source(SyncScenario.SourceName).GetStatusAsync(CancellationToken.None);
            if (status is not null && condition(status))
                return status;
            await Task.Delay(50);
        }
        throw new TimeoutException("The source did not reach the expected state within 30 s.");
    }
}
