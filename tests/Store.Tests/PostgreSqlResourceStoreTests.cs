using GitOps.Store.PostgreSql;
using GitOps.TestSupport;

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

    private PostgreSqlResourceStore NewStore() =>
        new(new PostgreSqlResourceStoreOptions { ConnectionString = _connectionString!, ChangePollInterval = TimeSpan.FromSeconds(1) });
}
