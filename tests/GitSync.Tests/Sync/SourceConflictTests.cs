using GitOps.GitSync.Api;
using GitOps.GitSync.Grains;
using GitOps.GitSync.Sources;
using GitOps.GitSync.Sync;
using GitOps.GitSync.Tests.Support;
using GitOps.Model.Objects;
using static GitOps.GitSync.Tests.Support.Manifests;

namespace GitOps.GitSync.Tests.Sync;

public sealed class SourceConflictTests
{
    private const string Key = "/ConfigMap/shop/settings";
    private const string Second = "infra";

    [Fact]
    public async Task A_second_source_declaring_an_object_the_first_manages_gets_a_conflict_on_both_and_changes_nothing()
    {
        await using var scenario = await SyncScenario.CreateAsync(r => r.Write("apps/config.yaml", ConfigMap("shop", "settings", "from-apps")));
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        using var other = TestRepository.Create();
        other.Write("infra/settings.yaml", Join(ConfigMap("shop", "other"), ConfigMap("shop", "settings", "from-infra"))).Commit("infra");

        var second = await AddSecondSourceAsync(scenario, other);

        var claimed = Assert.Single(second.Objects, o => o.Key == Key);
        Assert.Equal(ObjectSyncCode.Conflict, claimed.Status);
        Assert.Contains("managed by Git source \"apps\"", claimed.Message);
        Assert.Contains("apps/config.yaml", claimed.Message);
        Assert.Equal(SourcePhase.Degraded, second.Phase);
        var error = Assert.Single(second.Errors);
        Assert.Equal(("infra/settings.yaml", 9), (error.Path, error.Line));
        Assert.Contains(second.Objects, o => o.Key == "/ConfigMap/shop/other" && o.Status == ObjectSyncCode.Synced);

        var first = await WaitForObjectAsync(scenario, SyncScenario.SourceName, o => o.Status == ObjectSyncCode.Conflict);
        Assert.Contains($"also declared by Git source \"{Second}\" in infra/settings.yaml:9", first.Message);
        var stored = await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings");
        Assert.Equal("from-apps", Setting(stored));
        Assert.Equal(SyncScenario.SourceName, stored!.Metadata.GetLabel(GitOpsMetadata.SourceLabel));

        await scenario.Host.SyncAsync(SyncScenario.SourceName);
        Assert.Equal("from-apps", Setting(await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings")));
    }

    [Fact]
    public async Task The_conflict_clears_on_the_first_source_when_the_second_stops_declaring_the_object()
    {
        await using var scenario = await SyncScenario.CreateAsync(r => r.Write("apps/config.yaml", ConfigMap("shop", "settings")));
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        using var other = TestRepository.Create();
        other.Write("infra/settings.yaml", ConfigMap("shop", "settings", "from-infra")).Commit("infra");
        await AddSecondSourceAsync(scenario, other);
        await WaitForObjectAsync(scenario, SyncScenario.SourceName, o => o.Status == ObjectSyncCode.Conflict);

        other.Write("infra/settings.yaml", ConfigMap("shop", "infra-only")).Commit("drop the shared object");
        var second = await scenario.Host.SyncAsync(Second);

        Assert.Equal(SourcePhase.Synced, second.Phase);
        Assert.DoesNotContain(second.Objects, o => o.Key == Key);
        await WaitForObjectAsync(scenario, SyncScenario.SourceName, o => o.Status == ObjectSyncCode.Synced && o.Message is null);
    }

    [Fact]
    public async Task A_source_takes_over_an_object_whose_source_was_removed()
    {
        await using var scenario = await SyncScenario.CreateAsync(r => r.Write("apps/other.yaml", ConfigMap("shop", "unrelated")));
        using var first = TestRepository.Create();
        first.Write("first/settings.yaml", ConfigMap("shop", "settings", "from-first")).Commit("first");
        await AddSourceAsync(scenario, "first", first);
        using var other = TestRepository.Create();
        other.Write("infra/settings.yaml", ConfigMap("shop", "settings", "from-infra")).Commit("infra");
        var refused = await AddSourceAsync(scenario, Second, other);
        Assert.Contains(refused.Objects, o => o.Key == Key && o.Status == ObjectSyncCode.Conflict);

        var removed = await scenario.Host.Sources.RemoveAsync("first", CancellationToken.None);
        Assert.Equal(SourceChangeOutcome.Done, removed.Outcome);
        var second = await scenario.Host.SyncAsync(Second);

        Assert.True(second.Phase == SourcePhase.Synced, $"{second.Phase}: {string.Join("; ", second.Errors.Select(e => e.Message))}");
        Assert.Contains(second.Objects, o => o.Key == Key && o.Status == ObjectSyncCode.Synced);
        var stored = await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings");
        Assert.Equal("from-infra", Setting(stored));
        Assert.Equal(Second, stored!.Metadata.GetLabel(GitOpsMetadata.SourceLabel));
        Assert.Equal("infra/settings.yaml", stored.Metadata.GetAnnotation(GitOpsMetadata.PathAnnotation));
    }

    private static Task<SourceStatus> AddSecondSourceAsync(SyncScenario scenario, TestRepository repository) =>
        AddSourceAsync(scenario, Second, repository);

    private static async Task<SourceStatus> AddSourceAsync(SyncScenario scenario, string name, TestRepository repository)
    {
        var url = repository.HttpUrl(await TestRepository.SharedHttpServerAsync());
        var change = await scenario.Host.Sources.AddAsync(
            new SourceSettings(name, url, "main", PollInterval: "1h", AllowInsecureHttp: true), CancellationToken.None);
        Assert.True(change.Outcome == SourceChangeOutcome.Done, string.Join("; ", change.Errors));
        return await scenario.Host.WaitForRunAsync(name, 1);
    }

    private static string? Setting(KubeObject? configMap) => configMap?.Root["data"]?["setting"]?.GetValue<string>();

    /// <summary>Claims reach the owning source one-way after the claimant's run: wait for the owner's status to show it.</summary>
    private static async Task<ManagedObjectStatus> WaitForObjectAsync(SyncScenario scenario, string source, Func<ManagedObjectStatus, bool> expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        ManagedObjectStatus? current = null;
        while (DateTime.UtcNow < deadline)
        {
            var status = await scenario.Host.Source(source).GetStatusAsync(CancellationToken.None);
            current = status!.Objects.Single(o => o.Key == Key);
            if (expected(current))
                return current;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Source '{source}' never showed the expected status for {Key}; last: {current?.Status} {current?.Message}");
    }
}
