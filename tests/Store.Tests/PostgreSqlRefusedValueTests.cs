using GitOps.Model.Objects;
using GitOps.Store.PostgreSql;
using GitOps.TestSupport;
using Npgsql;

namespace GitOps.Store.Tests;

/// <summary>A value PostgreSQL refuses fails the write that carries it, not the writes group-committed with it.</summary>
public sealed class PostgreSqlRefusedValueTests
{
    [Fact]
    public async Task A_label_value_with_a_nul_character_fails_alone_and_the_writes_committed_with_it_land()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("refused");
        await ResourceSchema.ApplyAsync(connectionString);
        await using var store = new PostgreSqlResourceStore(new PostgreSqlResourceStoreOptions { ConnectionString = connectionString });
        // The store does not validate (the API and GitSync do); jsonb, where labels are copied for selectors, refuses \u0000.
        var refused = TestObjects.Pod("default", "refused", TestObjects.Labels("app=a\0b"));

        // Queued without waiting, so most of them wait for the first commit and are committed as one group with the refused one.
        var writes = Enumerable.Range(0, 60)
            .Select(i => i == 30 ? store.WriteAsync(ResourceWrite.Create(refused), CancellationToken.None)
                : store.WriteAsync(ResourceWrite.Create(TestObjects.ConfigMap("default", $"good-{i}")), CancellationToken.None))
            .ToList();
        await Task.WhenAll(writes).ContinueWith(_ => { }, TaskScheduler.Default);

        var failure = await Assert.ThrowsAsync<PostgresException>(() => writes[30]);
        Assert.StartsWith("22", failure.SqlState);
        Assert.All(writes.Where((_, i) => i != 30), w => Assert.True(w.Result.Succeeded));
        for (var i = 0; i < 60; i++)
        {
            var stored = await store.GetAsync(new ResourceKey("", i == 30 ? "Pod" : "ConfigMap", "default", i == 30 ? "refused" : $"good-{i}"), CancellationToken.None);
            Assert.True(i == 30 ? stored is null : stored is not null, $"write {i}");
        }
        var changes = await store.ReadChangesAsync(0, 100, CancellationToken.None);
        Assert.Equal(59, changes.Events.Count);
    }
}
