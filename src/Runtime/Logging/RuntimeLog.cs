using Microsoft.Extensions.Logging;

namespace GitOps.Runtime.Logging;

internal static partial class RuntimeLog
{
    [LoggerMessage(1, LogLevel.Debug, "Activated grain {GrainId}")]
    public static partial void Activated(ILogger logger, string grainId);

    [LoggerMessage(2, LogLevel.Debug, "Deactivated grain {GrainId} ({Reason})")]
    public static partial void Deactivated(ILogger logger, string grainId, DeactivationReason reason);

    [LoggerMessage(3, LogLevel.Error, "Activation of grain {GrainId} failed; its queued calls fail with the error")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, string grainId);

    [LoggerMessage(4, LogLevel.Warning, "OnDeactivateAsync of grain {GrainId} failed")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, string grainId);

    [LoggerMessage(5, LogLevel.Warning, "Grain {GrainId} lost a state write race and is deactivated: {Message}")]
    public static partial void StateConflict(ILogger logger, string grainId, string message);

    [LoggerMessage(6, LogLevel.Warning, "A one-way call or timer tick of grain {GrainId} failed")]
    public static partial void UnobservedTurnFailed(ILogger logger, Exception exception, string grainId);

    [LoggerMessage(7, LogLevel.Critical, "The turn loop of grain {GrainId} failed unexpectedly")]
    public static partial void ActivationLoopFailed(ILogger logger, Exception exception, string grainId);

    [LoggerMessage(8, LogLevel.Information, "Grain runtime of silo {SiloId} started ({ShardCount} shards, storage {Storage})")]
    public static partial void Started(ILogger logger, string siloId, int shardCount, string storage);

    [LoggerMessage(9, LogLevel.Information, "Grain runtime of silo {SiloId} stopped ({Activations} activations deactivated)")]
    public static partial void Stopped(ILogger logger, string siloId, int activations);

    [LoggerMessage(10, LogLevel.Warning, "Shutdown timed out after {Timeout}; {Remaining} activations had not finished deactivating")]
    public static partial void ShutdownTimedOut(ILogger logger, TimeSpan timeout, int remaining);

    [LoggerMessage(11, LogLevel.Debug, "Idle collector deactivating {Count} activations")]
    public static partial void CollectingIdle(ILogger logger, int count);

    [LoggerMessage(20, LogLevel.Information, "Loaded {Count} reminders of the shards this silo owns")]
    public static partial void RemindersLoaded(ILogger logger, int count);

    [LoggerMessage(21, LogLevel.Warning, "Reminder {ReminderName} of grain {GrainId} failed")]
    public static partial void ReminderFailed(ILogger logger, Exception exception, string grainId, string reminderName);

    [LoggerMessage(22, LogLevel.Debug, "Reminder {ReminderName} of grain {GrainId} fires")]
    public static partial void ReminderFiring(ILogger logger, string grainId, string reminderName);

    [LoggerMessage(30, LogLevel.Information, "Applied migration {Version} {Name}")]
    public static partial void MigrationApplied(ILogger logger, int version, string name);

    [LoggerMessage(31, LogLevel.Information, "Database schema is up to date: {Count} migrations applied before, none to apply")]
    public static partial void MigrationsUpToDate(ILogger logger, int count);

    [LoggerMessage(32, LogLevel.Error, "State write batch of {Count} failed; retrying each write on its own")]
    public static partial void WriteBatchFailed(ILogger logger, Exception exception, int count);
}
