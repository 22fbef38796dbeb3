using GitOps.Store.PostgreSql;
using GitOps.TestSupport;
using Npgsql;

namespace GitOps.Store.Tests;

public sealed class PostgreSqlResourceStoreTests : ResourceStoreTestsBase
{
    private string? _connectionString;

    protected override async Task<IResourceStore> CreateEmptyStoreAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("store");
        await ResourceSchema.ApplyAsync(_connectionString);
        return NewStore();
    }

    protected override Task<IResourceStore> CreateStoreOverSameStorageAsync() => Task.FromResult<IResourceStore>(NewStore());

    [Fact]
    public async Task WaitForChanges_falls_back_to_polling_when_a_notification_is_lost()
    {
        await Store.WriteAsync(ResourceWrite.Create(TestObjects.ConfigMap("default", "first")), Ct);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Store.WaitForChangesAsync(0, timeout.Token);
        var current = await Store.GetCurrentResourceVersionAsync(Ct);
        var waiting = Store.WaitForChangesAsync(current, timeout.Token);

        // The listener has made its first poll (the wait above); now a commit whose NOTIFY never
        // arrives: the counter moves without a notification, so only a later poll can see it.
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var bump = new NpgsqlCommand("UPDATE resource_version_counter SET value = value + 1 WHERE id = 1", connection);
            await bump.ExecuteNonQueryAsync();
        }

        await waiting;
    }

    private PostgreSqlResourceStore NewStore() =>
        new(new PostgreSqlResourceStoreOptions { ConnectionString = _connectionString!, ChangePollInterval = TimeSpan.FromSeconds(1) });
}
