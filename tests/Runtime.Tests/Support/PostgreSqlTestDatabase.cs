using GitOps.Runtime.Migrations;
using GitOps.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GitOps.Runtime.Tests.Support;

/// <summary>A fresh PostgreSQL database with the runtime's migrations applied.</summary>
public static class PostgreSqlTestDatabase
{
    public static async Task<NpgsqlDataSource> CreateMigratedAsync()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("runtime");
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new PostgreSqlMigrator(dataSource, NullLogger<PostgreSqlMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return dataSource;
    }
}
