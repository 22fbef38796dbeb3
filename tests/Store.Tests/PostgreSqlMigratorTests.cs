using GitOps.Store.Migrations;
using GitOps.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GitOps.Store.Tests;

public sealed class PostgreSqlMigratorTests
{
    [Fact]
    public void The_embedded_migrations_are_numbered_and_start_with_the_grain_runtime_schema()
    {
        var migrations = Migration.LoadEmbedded();

        Assert.Equal("001_grain_runtime.sql", migrations[0].FileName);
        Assert.Equal(migrations.Select(m => m.Version).Order(), migrations.Select(m => m.Version));
    }

    [Fact]
    public async Task A_second_run_applies_nothing_and_says_so()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgresServer.CreateDatabaseAsync("migrate"));
        var migrator = new PostgreSqlMigrator(dataSource, NullLogger<PostgreSqlMigrator>.Instance);

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(migrator.Migrations.Select(m => m.Version), first.Applied.Select(m => m.Version));
        Assert.True(second.UpToDate);
        Assert.Equal(migrator.Migrations.Count, second.AlreadyApplied);
        Assert.Contains("up to date", second.ToString());
        Assert.Equal(migrator.Migrations.Count, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Concurrent_starters_apply_each_migration_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgresServer.CreateDatabaseAsync("migrate_concurrent"));
        var migrators = Enumerable.Range(0, 4).Select(_ => new PostgreSqlMigrator(dataSource, NullLogger<PostgreSqlMigrator>.Instance)).ToList();

        var reports = await Task.WhenAll(migrators.Select(m => m.MigrateAsync(CancellationToken.None)));

        Assert.Equal(migrators[0].Migrations.Count, reports.Sum(r => r.Applied.Count));
        Assert.Equal(migrators[0].Migrations.Count, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task A_changed_applied_migration_stops_the_run_naming_the_file()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgresServer.CreateDatabaseAsync("migrate_changed"));
        var original = Migration.Create(1, "first", "CREATE TABLE first_table (id integer PRIMARY KEY);");
        await new PostgreSqlMigrator(dataSource, [original], NullLogger<PostgreSqlMigrator>.Instance).MigrateAsync(CancellationToken.None);

        var edited = Migration.Create(1, "first", "CREATE TABLE first_table (id bigint PRIMARY KEY);");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new PostgreSqlMigrator(dataSource, [edited], NullLogger<PostgreSqlMigrator>.Instance).MigrateAsync(CancellationToken.None));

        Assert.Contains("db/001_first.sql", error.Message);
        Assert.Contains("new numbered migration", error.Message);
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_and_reported_with_its_file()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgresServer.CreateDatabaseAsync("migrate_failing"));
        var good = Migration.Create(1, "good", "CREATE TABLE good_table (id integer PRIMARY KEY);");
        var bad = Migration.Create(2, "bad", "CREATE TABLE half_done (id integer PRIMARY KEY);\nCREATE TABLE broken (id nosuchtype);");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new PostgreSqlMigrator(dataSource, [good, bad], NullLogger<PostgreSqlMigrator>.Instance).MigrateAsync(CancellationToken.None));

        Assert.Contains("db/002_bad.sql", error.Message);
        Assert.Equal(1L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM schema_migrations"));
        Assert.Equal(0L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'"));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
