using System.Text;
using GitOps.GitSync.Api;
using GitOps.GitSync.Sync;
using GitOps.GitSync.Tests.Support;
using static GitOps.GitSync.Tests.Support.Manifests;
using Npgsql;

namespace GitOps.GitSync.Tests.Api;

/// <summary>
/// Sources that were added through the API under the grain runtime used before Orleans (a row of its
/// grain_state table) come back under Orleans, sync from Git, and are imported only once.
/// </summary>
public sealed class LegacySourceImportTests
{
    // As the old runtime stored the registry: System.Text.Json, web defaults. The second source is one today's rules
    // refuse (the API no longer accepts file:// URLs): it is imported, but never fetched.
    private const string LegacyRegistry = """
        {"apiSources":[{"name":"legacy","url":"URL","branch":"main","paths":[],"pollInterval":"01:00:00",
          "prune":true,"selfHeal":true,"credentials":null,"origin":"Api","allowInsecureHttp":true},
          {"name":"local","url":"LOCAL","branch":"main","paths":[],"pollInterval":"01:00:00",
          "prune":true,"selfHeal":true,"credentials":null,"origin":"Api"}],"configurationNames":[]}
        """;

    [Fact]
    public async Task A_source_added_through_the_API_before_Orleans_is_imported_once_and_syncs()
    {
        using var repository = TestRepository.Create();
        repository.Write("apps/namespace.yaml", Namespace("shop")).Write("apps/config.yaml", ConfigMap("shop", "settings"));
        repository.Commit("shop");
        using var cache = new TempDirectory();
        var connectionString = await GitSyncHost.CreateDatabaseAsync();
        var http = await TestRepository.SharedHttpServerAsync();
        await WriteLegacyRegistryAsync(connectionString, LegacyRegistry.Replace("LOCAL", repository.Url).Replace("URL", repository.HttpUrl(http)));

        await using (var host = await GitSyncHost.StartAsync(connectionString, cache.Path, new Dictionary<string, string?>()))
        {
            var status = await host.WaitForRunAsync("legacy", 1);
            Assert.Equal(SourcePhase.Synced, status.Phase);
            var local = await host.WaitForRunAsync("local", 1);
            Assert.Equal(SyncRunResult.Failed, local.LastRun!.Result);
            Assert.Contains("file:// URLs and local paths may only be configured", local.LastRun.Message);
            Assert.False(Directory.Exists(GitOps.GitSync.Git.GitMirror.DirectoryFor(cache.Path, "local", repository.Url)));
            Assert.Equal(["legacy", "local"], (await host.Sources.ListAsync(CancellationToken.None)).Select(s => s.Name));
            Assert.Equal(0, await CountLegacyRowsAsync(connectionString));
            Assert.Equal(SourceChangeOutcome.Done, (await host.Sources.RemoveAsync("legacy", CancellationToken.None)).Outcome);
            Assert.Equal(SourceChangeOutcome.Done, (await host.Sources.RemoveAsync("local", CancellationToken.None)).Outcome);
        }

        await using (var restarted = await GitSyncHost.StartAsync(connectionString, cache.Path, new Dictionary<string, string?>()))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Empty(await restarted.Sources.ListAsync(CancellationToken.None));
        }
    }

    private static async Task WriteLegacyRegistryAsync(string connectionString, string json)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO grain_state (grain_type, grain_key, state_name, data, etag) VALUES ('GitOps.GitSync.Grains.SourceRegistryGrain', 'sources', 'registry', $1, 1)",
            connection);
        insert.Parameters.AddWithValue(Encoding.UTF8.GetBytes(json));
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountLegacyRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM grain_state WHERE state_name = 'registry'", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
