using Microsoft.Extensions.Logging;
using Npgsql;

namespace GitOps.Store.Migrations;

/// <summary>
/// Applies the numbered migrations in order, each in its own transaction, and records them in
/// schema_migrations. Concurrent starters are serialized by a transaction-scoped advisory lock;
/// a second run applies nothing. An applied migration whose text changed stops the run.
/// </summary>
public sealed class PostgreSqlMigrator
{
    // Arbitrary constant shared by every process that migrates this database ("GitOpsMg").
    private const long AdvisoryLockKey = 0x4769744F70734D67;

    private const string CreateBookkeeping = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     integer     PRIMARY KEY,
            name        text        NOT NULL,
            checksum    text        NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now()
        )
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly IReadOnlyList<Migration> _migrations;
    private readonly ILogger _logger;

    public PostgreSqlMigrator(NpgsqlDataSource dataSource, ILogger<PostgreSqlMigrator> logger)
        : this(dataSource, Migration.LoadEmbedded(), logger)
    {
    }

    public PostgreSqlMigrator(NpgsqlDataSource dataSource, IReadOnlyList<Migration> migrations, ILogger<PostgreSqlMigrator> logger)
    {
        _dataSource = dataSource;
        _migrations = migrations.OrderBy(m => m.Version).ToList();
        _logger = logger;
    }

    public IReadOnlyList<Migration> Migrations => _migrations;

    public async Task<MigrationReport> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        int alreadyApplied;
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await LockAsync(connection, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, CreateBookkeeping, cancellationToken).ConfigureAwait(false);
            var applied = await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false);
            foreach (var migration in _migrations)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                    VerifyChecksum(migration, checksum);
            }
            alreadyApplied = _migrations.Count(m => applied.ContainsKey(m.Version));
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var newlyApplied = new List<Migration>();
        foreach (var migration in _migrations)
        {
            if (await ApplyAsync(connection, migration, cancellationToken).ConfigureAwait(false))
                newlyApplied.Add(migration);
        }
        var report = new MigrationReport(newlyApplied, alreadyApplied);
        if (report.UpToDate)
            MigrationLog.MigrationsUpToDate(_logger, alreadyApplied);
        return report;
    }

    /// <summary>Applies one migration unless it is recorded; true when this call applied it.</summary>
    private async Task<bool> ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (var check = new NpgsqlCommand("SELECT checksum FROM schema_migrations WHERE version = $1", connection))
        {
            check.Parameters.AddWithValue(migration.Version);
            if (await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string checksum)
            {
                VerifyChecksum(migration, checksum);
                return false;
            }
        }
        try
        {
            await ExecuteAsync(connection, migration.Sql, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            throw new InvalidOperationException(
                $"Migration db/{migration.FileName} failed{StatementOf(e)}: {e.MessageText}. Fix the SQL and start again; nothing of it was applied.", e);
        }
        await using (var record = new NpgsqlCommand(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, now())", connection))
        {
            record.Parameters.AddWithValue(migration.Version);
            record.Parameters.AddWithValue(migration.Name);
            record.Parameters.AddWithValue(migration.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        MigrationLog.MigrationApplied(_logger, migration.Version, migration.Name);
        return true;
    }

    private static void VerifyChecksum(Migration migration, string appliedChecksum)
    {
        if (!string.Equals(appliedChecksum, migration.Checksum, StringComparison.Ordinal))
            throw new InvalidOperationException(
                $"Migration db/{migration.FileName} was changed after it was applied (applied checksum {appliedChecksum}, " +
                $"file checksum {migration.Checksum}). Applied migrations must not change: restore the file and put the change in a new numbered migration.");
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            applied[reader.GetInt32(0)] = reader.GetString(1);
        return applied;
    }

    private static async Task LockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection);
        command.Parameters.AddWithValue(AdvisoryLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string StatementOf(PostgresException e) =>
        e.BatchCommand?.CommandText is { Length: > 0 } statement ? $" in statement '{statement.Trim().Split('\n')[0]}'" : "";
}
