using GitOps.Store.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GitOps.Store.Tests;

/// <summary>Brings a fresh test database to the current schema through the silo's migration runner.</summary>
internal static class ResourceSchema
{
    public static async Task ApplyAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new PostgreSqlMigrator(dataSource, NullLogger<PostgreSqlMigrator>.Instance).MigrateAsync(CancellationToken.None);
    }
}
