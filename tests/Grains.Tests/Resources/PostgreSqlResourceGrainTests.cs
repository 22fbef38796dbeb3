using GitOps.Runtime.Migrations;
using GitOps.Store;
using GitOps.Store.PostgreSql;
using GitOps.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GitOps.Grains.Tests.Resources;

public sealed class PostgreSqlResourceGrainTests : ResourceGrainTestsBase
{
    protected override async Task<IResourceStore> CreateStoreAsync()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("grains");
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            await new PostgreSqlMigrator(dataSource, NullLogger<PostgreSqlMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return new PostgreSqlResourceStore(new PostgreSqlResourceStoreOptions { ConnectionString = connectionString });
    }
}
