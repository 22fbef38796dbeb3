using Microsoft.Extensions.Hosting;

namespace GitOps.Store.Migrations;

/// <summary>
/// Applies the embedded migrations when the host starts. Registered before the grain runtime, so
/// Orleans' tables exist before the silo joins its cluster.
/// </summary>
internal sealed class MigrationHostedService(PostgreSqlMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
