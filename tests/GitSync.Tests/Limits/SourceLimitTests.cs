using GitOps.GitSync.Sync;
using GitOps.GitSync.Tests.Support;
using static GitOps.GitSync.Tests.Support.Manifests;

namespace GitOps.GitSync.Tests.Limits;

/// <summary>Per-source limits on a real repository: file size (from the tree listing), number of files, number of objects.</summary>
public sealed class SourceLimitTests
{
    [Fact]
    public async Task A_file_over_MaxFileBytes_is_that_files_error_and_the_other_files_still_apply()
    {
        await using var scenario = await SyncScenario.CreateAsync(repo => repo
                .Write("apps/small.yaml", ConfigMap("default", "small"))
                .Write("apps/big.yaml", ConfigMap("default", "big", new string('x', 5_000))),
            settings: new Dictionary<string, string?> { ["GitOps:MaxFileBytes"] = "2000" });

        var status = await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);

        Assert.Equal(SourcePhase.Degraded, status.Phase);
        var error = Assert.Single(status.Errors);
        Assert.Equal("apps/big.yaml", error.Path);
        Assert.Contains("more than the limit of 2,000", error.Message);
        Assert.Contains("GitOps:MaxFileBytes", error.Message);
        Assert.NotNull(await scenario.Host.GetAsync("", "ConfigMap", "default", "small"));
        Assert.Null(await scenario.Host.GetAsync("", "ConfigMap", "default", "big"));
    }

    [Fact]
    public async Task More_files_than_MaxFilesPerSource_fail_the_sync_and_keep_what_was_applied()
    {
        await using var scenario = await SyncScenario.CreateAsync(repo => repo
                .Write("a.yaml", ConfigMap("default", "a"))
                .Write("b.yaml", ConfigMap("default", "b")),
            settings: new Dictionary<string, string?> { ["GitOps:MaxFilesPerSource"] = "2" });
        Assert.Equal(SourcePhase.Synced, (await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1)).Phase);

        var status = await scenario.CommitAndSyncAsync("a third file", repo => repo.Write("c.yaml", ConfigMap("default", "c")));

        Assert.Equal(SourcePhase.Failed, status.Phase);
        Assert.Contains("3 manifest files", status.Message);
        Assert.Contains("setting GitOps:MaxFilesPerSource", status.Message);
        Assert.NotNull(await scenario.Host.GetAsync("", "ConfigMap", "default", "a"));
        Assert.Null(await scenario.Host.GetAsync("", "ConfigMap", "default", "c"));
    }

    [Fact]
    public async Task More_objects_than_MaxObjectsPerSource_fail_the_sync_before_anything_is_applied()
    {
        await using var scenario = await SyncScenario.CreateAsync(repo => repo
                .Write("all.yaml", string.Join("\n---\n", Enumerable.Range(0, 4).Select(i => ConfigMap("default", $"cm-{i}")))),
            settings: new Dictionary<string, string?> { ["GitOps:MaxObjectsPerSource"] = "3" });

        var status = await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);

        Assert.Equal(SourcePhase.Failed, status.Phase);
        Assert.Contains("4 objects", status.Message);
        Assert.Contains("setting GitOps:MaxObjectsPerSource", status.Message);
        Assert.Null(await scenario.Host.GetAsync("", "ConfigMap", "default", "cm-0"));
    }

}
