using GitOps.Model.Objects;
using GitOps.Store.PostgreSql;
using GitOps.TestSupport;
using Npgsql;

namespace GitOps.Store.Tests;

/// <summary>
/// The PostgreSQL store when its database goes away or falls behind: calls fail at once with
/// <see cref="ResourceStoreUnavailableException"/> instead of waiting or queueing without bound, and
/// the same store instance works again once the database is back.
/// </summary>
public sealed class PostgreSqlOutageTests : IDisposable
{
    private static readonly ResourceKey Before = new("", "ConfigMap", "default", "before");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task While_the_database_is_down_every_call_fails_as_unavailable_and_the_same_store_recovers_when_it_returns()
    {
        await using var postgres = await LocalPostgresServer.StartAsync(durable: true, Ct);
        await ResourceSchema.ApplyAsync(postgres.AdminConnectionString);
        await using var store = new PostgreSqlResourceStore(new PostgreSqlResourceStoreOptions { ConnectionString = postgres.AdminConnectionString });
        var before = await store.WriteAsync(ResourceWrite.Create(TestObjects.ConfigMap("default", "before")), Ct);
        Assert.True(before.Succeeded);

        await postgres.StopAsync(immediate: true, Ct);

        var write = await Assert.ThrowsAsync<ResourceStoreUnavailableException>(() => store.WriteAsync(ResourceWrite.Create(TestObjects.ConfigMap("default", "during")), Ct));
        Assert.Contains("unreachable", write.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ResourceStoreUnavailableException>(() => store.GetAsync(Before, Ct));
        await Assert.ThrowsAsync<ResourceStoreUnavailableException>(() => store.ListAsync(new ListQuery(new ResourceType("", "ConfigMap"), "default"), Ct));
        await Assert.ThrowsAsync<ResourceStoreUnavailableException>(() => store.ReadChangesAsync(0, 10, Ct));
        await Assert.ThrowsAsync<ResourceStoreUnavailableException>(() => store.GetCurrentResourceVersionAsync(Ct));

        await postgres.StartAsync(Ct);

        var after = await store.WriteAsync(ResourceWrite.Create(TestObjects.ConfigMap("default", "after")), Ct);
        Assert.True(after.Succeeded);
        Assert.Equal(before.Object!.Metadata.ResourceVersionNumber + 1, after.Object!.Metadata.ResourceVersionNumber);
        Assert.NotNull(await store.GetAsync(Before, Ct));
        var log = await store.ReadChangesAsync(0, 10, Ct);
        Assert.Equal([1L, 2L], log.Events.Select(e => e.ResourceVersion));
    }

    [Fact]
    public async Task A_write_beyond_the_queue_bound_fails_at_once_while_the_queued_ones_wait_and_commit()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("store_queue_bound");
        await ResourceSchema.ApplyAsync(connectionString);
        await using var store = new PostgreSqlResourceStore(new PostgreSqlResourceStoreOptions
        {
            ConnectionString = connectionString, MaxBatchSize = 1, MaxQueuedWrites = 1,
        });

        // Another session holds the version counter's row lock, so the writer's first transaction waits on it.
        await using var blocker = new NpgsqlConnection(connectionString);
        await blocker.OpenAsync(Ct);
        await using var transaction = await blocker.BeginTransactionAsync(Ct);
        await using (var lockCounter = new NpgsqlCommand("SELECT value FROM resource_version_counter WHERE id = 1 FOR UPDATE", blocker, transaction))
            await lockCounter.ExecuteScalarAsync(Ct);

        // The writer has one transaction in flight, here of one write, waiting on the lock; the next write is queued.
        var inTransaction = store.WriteAsync(ResourceWrite.Create(TestObjects.ConfigMap("default", "first")), Ct);
        await WaitForBlockedWritersAsync(connectionString, 1);
        var queued = store.WriteAsync(ResourceWrite.Create(TestObjects.ConfigMap("default", "second")), Ct);
        var refused = await Assert.ThrowsAsync<ResourceStoreUnavailableException>(() => store.WriteAsync(ResourceWrite.Create(TestObjects.ConfigMap("default", "third")), Ct));
        Assert.Contains("MaxQueuedWrites", refused.Message, StringComparison.Ordinal);
        Assert.False(inTransaction.IsCompleted || queued.IsCompleted);

        await transaction.RollbackAsync(Ct);
        Assert.True((await inTransaction).Succeeded);
        Assert.True((await queued).Succeeded);
        Assert.Null(await store.GetAsync(new ResourceKey("", "ConfigMap", "default", "third"), Ct));
    }

    private async Task WaitForBlockedWritersAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()", connection);
        while ((long)(await waiting.ExecuteScalarAsync(Ct))! < count)
            await Task.Delay(20, Ct);
    }
}
