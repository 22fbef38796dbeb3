using GitOps.GitSync.Sync;
using GitOps.GitSync.Tests.Support;
using Npgsql;
using static GitOps.GitSync.Tests.Support.Manifests;

namespace GitOps.GitSync.Tests.Sync;

/// <summary>Nothing stops a sync but the file or object at fault: issue 10's commit, and values the database refuses.</summary>
public sealed class OneBadObjectTests
{
    // YamlDotNet throws InvalidOperationException (not its YamlException) on the second line: the input that made every
    // run of the issue "stop unexpectedly".
    private const string BrokenConfig = "apiVersion: v1\n[ind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n";

    private static void Shop(TestRepository repo) => repo
        .Write("apps/namespace.yaml", Namespace("shop"))
        .Write("apps/web.yaml", Deployment("shop", "web", 1))
        .Write("apps/config.yaml", ConfigMap("shop", "settings"));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_commit_that_scales_one_deployment_adds_another_and_breaks_a_third_file_applies_the_two_and_locates_the_third(bool memoryStore)
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop, memoryStore: memoryStore);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        var configBefore = await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings");

        var status = await scenario.CommitAndSyncAsync("scale web, add api, break config", r => r
            .Write("apps/web.yaml", Deployment("shop", "web", 3))
            .Write("apps/api.yaml", Deployment("shop", "api", 2))
            .Write("apps/config.yaml", BrokenConfig));
        var commit = scenario.Repository.Git("rev-parse", "HEAD").Trim();

        Assert.Equal(SourcePhase.Degraded, status.Phase);
        Assert.Equal(SyncRunResult.Degraded, status.LastRun!.Result);
        Assert.Equal(commit, status.LastSyncedCommit?.Sha);
        Assert.Equal(commit, status.LastRun.Commit);
        Assert.Equal(3, (await scenario.Host.GetAsync("apps", "Deployment", "shop", "web"))!.Spec!["replicas"]!.GetValue<int>());
        Assert.Equal(2, (await scenario.Host.GetAsync("apps", "Deployment", "shop", "api"))!.Spec!["replicas"]!.GetValue<int>());
        var error = Assert.Single(status.Errors);
        Assert.Equal("apps/config.yaml", error.Path);
        Assert.Equal(3, error.Line);
        Assert.Contains("not valid YAML", error.Message);
        var configAfter = await scenario.Host.GetAsync("", "ConfigMap", "shop", "settings");
        Assert.Equal(configBefore!.Metadata.ResourceVersion, configAfter!.Metadata.ResourceVersion);
        Assert.Equal(ObjectSyncCode.Failed, status.Objects.Single(o => o.Key == "/ConfigMap/shop/settings").Status);
        Assert.Equal(ObjectSyncCode.Synced, status.Objects.Single(o => o.Key == "apps/Deployment/shop/api").Status);
    }

    [Fact]
    public async Task A_nul_character_fails_only_where_it_cannot_be_stored_and_the_rest_of_the_commit_applies_on_postgresql()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);

        // "\0" in a double-quoted YAML string is a NUL character.
        var status = await scenario.CommitAndSyncAsync("NUL characters", r => r
            .Write("apps/nul-label.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nul-label\n  namespace: shop\n  labels:\n    tier: \"a\\0b\"\n")
            .Write("apps/nul-annotation.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nul-annotation\n  namespace: shop\n  annotations:\n    note: \"a\\0b\"\n")
            .Write("apps/nul-data.yaml", ConfigMap("shop", "nul-data", "a\\0b"))
            .Write("apps/web.yaml", Deployment("shop", "web", 2)));

        Assert.Equal(SourcePhase.Degraded, status.Phase);
        var error = Assert.Single(status.Errors);
        Assert.Equal("apps/nul-label.yaml", error.Path);
        Assert.Equal(7, error.Line);
        Assert.Contains("metadata.labels", error.Message);
        Assert.Null(await scenario.Host.GetAsync("", "ConfigMap", "shop", "nul-label"));
        // PostgreSQL's json column (the body) holds \u0000; the object reads back as written.
        var annotated = await scenario.Host.GetAsync("", "ConfigMap", "shop", "nul-annotation");
        Assert.Equal("a\0b", annotated!.Metadata.GetAnnotation("note"));
        var data = await scenario.Host.GetAsync("", "ConfigMap", "shop", "nul-data");
        Assert.Equal("a\0b", data!.Root["data"]!["setting"]!.GetValue<string>());
        Assert.Equal(2, (await scenario.Host.GetAsync("apps", "Deployment", "shop", "web"))!.Spec!["replicas"]!.GetValue<int>());
        Assert.Equal(scenario.Repository.Git("rev-parse", "HEAD").Trim(), status.LastSyncedCommit?.Sha);
    }

    [Fact]
    public async Task An_object_the_database_refuses_is_that_object_s_error_at_its_file_and_line_and_the_others_apply()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        await using (var connection = new NpgsqlConnection(scenario.ConnectionString))
        {
            // A data exception (division by zero, SQLSTATE 22012) for this one row only, as a value PostgreSQL cannot hold raises.
            await connection.OpenAsync();
            await using var refuse = new NpgsqlCommand("ALTER TABLE resources ADD CONSTRAINT test_refuses_one CHECK (CASE WHEN name = 'refused' THEN 1 / (length(name) - length(name)) = 1 ELSE true END)", connection);
            await refuse.ExecuteNonQueryAsync();
        }

        var status = await scenario.CommitAndSyncAsync("one object the database refuses", r => r
            .Write("apps/more.yaml", Join(ConfigMap("shop", "first"), ConfigMap("shop", "refused"), ConfigMap("shop", "last")))
            .Write("apps/web.yaml", Deployment("shop", "web", 4)));

        Assert.Equal(SourcePhase.Degraded, status.Phase);
        Assert.Equal(scenario.Repository.Git("rev-parse", "HEAD").Trim(), status.LastSyncedCommit?.Sha);
        var error = Assert.Single(status.Errors);
        Assert.Equal("apps/more.yaml", error.Path);
        Assert.Equal(9, error.Line);
        Assert.Contains("could not be applied", error.Message);
        Assert.Equal(ObjectSyncCode.Failed, status.Objects.Single(o => o.Key == "/ConfigMap/shop/refused").Status);
        Assert.NotNull(await scenario.Host.GetAsync("", "ConfigMap", "shop", "first"));
        Assert.NotNull(await scenario.Host.GetAsync("", "ConfigMap", "shop", "last"));
        Assert.Equal(4, (await scenario.Host.GetAsync("apps", "Deployment", "shop", "web"))!.Spec!["replicas"]!.GetValue<int>());
        Assert.Equal(1, status.LastRun!.Failed);
    }
}
