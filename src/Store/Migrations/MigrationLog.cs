using Microsoft.Extensions.Logging;

namespace GitOps.Store.Migrations;

internal static partial class MigrationLog
{
    [LoggerMessage(30, LogLevel.Information, "Applied migration {Version} {Name}")]
    public static partial void MigrationApplied(ILogger logger, int version, string name);

    [LoggerMessage(31, LogLevel.Information, "Database schema is up to date: {Count} migrations applied before, none to apply")]
    public static partial void MigrationsUpToDate(ILogger logger, int count);
}
