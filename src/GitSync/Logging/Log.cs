using Microsoft.Extensions.Logging;

namespace GitOps.GitSync.Logging;

/// <summary>GitSync's log messages, with stable keys (Source, Commit, Kind, Namespace, Name).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Running {Command}")]
    public static partial void GitCommandStarting(ILogger logger, string command);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "{Command} failed with exit code {ExitCode}: {GitOutput}")]
    public static partial void GitCommandFailed(ILogger logger, string command, int exitCode, string gitOutput);
}
