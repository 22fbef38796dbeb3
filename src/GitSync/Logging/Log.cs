using Microsoft.Extensions.Logging;

namespace GitOps.GitSync.Logging;

/// <summary>GitSync's log messages, with stable keys (Source, Commit, Kind, Namespace, Name).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Running {Command}")]
    public static partial void GitCommandStarting(ILogger logger, string command);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "{Command} failed with exit code {ExitCode}: {GitOutput}")]
    public static partial void GitCommandFailed(ILogger logger, string command, int exitCode, string gitOutput);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information,
        Message = "Source {Source} synced {Commit}: {Result}, {Created} created, {Updated} updated, {Unchanged} unchanged, {Pruned} pruned, {Failed} failed in {DurationMs} ms")]
    public static partial void SyncFinished(ILogger logger, string source, string commit, string result,
        int created, int updated, int unchanged, int pruned, int failed, double durationMs);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Source {Source} could not be synced: {Error}")]
    public static partial void SyncFailed(ILogger logger, string source, string error);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Error, Message = "Source {Source}: the sync run stopped unexpectedly")]
    public static partial void SyncCrashed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "Source {Source}: {Object} changed outside Git ({Fields})")]
    public static partial void DriftDetected(ILogger logger, string source, string @object, string fields);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Error, Message = "Source {Source}: the finished sync could not be recorded")]
    public static partial void CompletionFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Warning, Message = "Source {Source} could not be started: {Error}")]
    public static partial void SourceStartFailed(ILogger logger, string source, string error);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Warning, Message = "The drift monitor could not follow changes or trigger a sync: {Error}")]
    public static partial void DriftMonitorFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 3017, Level = LogLevel.Warning,
        Message = "Source {Source}: run {RunNumber} (commit {Commit}) was started by an earlier activation and is not recorded; this activation awaits run {AwaitedRun} (0: none)")]
    public static partial void StaleRunIgnored(ILogger logger, string source, long runNumber, string commit, long awaitedRun);

    [LoggerMessage(EventId = 3018, Level = LogLevel.Information, Message = "Imported {Count} Git sources added through the API under the grain runtime used before Orleans; they sync again from Git")]
    public static partial void LegacySourcesImported(ILogger logger, int count);

    [LoggerMessage(EventId = 3019, Level = LogLevel.Warning, Message = "The Git sources added through the API before the move to Orleans could not be imported (retried at the next start): {Error}")]
    public static partial void LegacySourceImportFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 3040, Level = LogLevel.Warning,
        Message = "Source {Source} failed {Failures} time(s) in a row; polls wait until {NextAttemptAt:O} ({DelaySeconds:F0} s, GitOps:RetryMaxDelay caps it); a webhook or a manual sync tries at once")]
    public static partial void SyncBackingOff(ILogger logger, string source, int failures, DateTimeOffset nextAttemptAt, double delaySeconds);

    [LoggerMessage(EventId = 3041, Level = LogLevel.Warning, Message = "The mirror {Directory} of removed source {Source} could not be deleted: {Error}")]
    public static partial void MirrorNotDeleted(ILogger logger, string source, string directory, string error);
}
