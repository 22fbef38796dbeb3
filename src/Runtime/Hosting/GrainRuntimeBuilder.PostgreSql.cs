using GitOps.Runtime.Migrations;
using GitOps.Runtime.Storage;
using GitOps.Runtime.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace GitOps.Runtime;

public sealed partial class GrainRuntimeBuilder
{
    /// <summary>
    /// Grain state and reminders in PostgreSQL. Registers an <see cref="NpgsqlDataSource"/> singleton
    /// for <paramref name="connectionString"/> (unless one is registered already; others resolve and
    /// reuse it) and <see cref="PostgreSqlMigrator"/>, which the runtime runs at start
    /// (<see cref="GrainRuntimeOptions.ApplyMigrationsOnStart"/>).
    /// </summary>
    public GrainRuntimeBuilder UsePostgreSqlStorage(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new ArgumentException("UsePostgreSqlStorage needs a PostgreSQL connection string (Host=...;Database=...).", nameof(connectionString));
        StorageConfigured = true;
        Services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        Services.RemoveAll<IGrainStorage>();
        Services.RemoveAll<IReminderTable>();
        Services.AddSingleton<IGrainStorage, PostgreSqlGrainStorage>();
        Services.AddSingleton<IReminderTable, PostgreSqlReminderTable>();
        Services.TryAddSingleton(sp => new PostgreSqlMigrator(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PostgreSqlMigrator>>()));
        return this;
    }
}
