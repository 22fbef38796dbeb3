using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GitOps.Store.Migrations;

/// <summary>
/// Applies the embedded migrations when the host starts. Registered before the grain runtime, so
/// Orleans' tables exist before the silo joins its cluster.
/// </summary>
internal sealed class MigrationHostedService(string connectionString, ILogger<PostgreSqlMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new PostgreSqlMigrator(dataSource, logger).MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
