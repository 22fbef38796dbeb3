using Microsoft.Extensions.Logging;

namespace GitOps.Gateway.Logging;

/// <summary>The gateway's log messages.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Watch cache started at resourceVersion {ResourceVersion} with {EventCount} recent events")]
    public static partial void WatchCacheStarted(ILogger logger, long resourceVersion, int eventCount);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Watch cache could not read the change log after resourceVersion {ResourceVersion}; retrying")]
    public static partial void WatchCacheReadFailed(ILogger logger, long resourceVersion, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "The change log was compacted past resourceVersion {ResourceVersion} (oldest retained {OldestAvailable}); open watches are closed with 410 so clients re-list")]
    public static partial void WatchCacheExpired(ILogger logger, long resourceVersion, long oldestAvailable);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information,
        Message = "Closed a watch of {Kind} that fell more than {BufferSize} events behind; the client will re-list")]
    public static partial void WatcherTooSlow(ILogger logger, string kind, int bufferSize);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error,
        Message = "Unexpected error answering {Method} {Path} (correlation id {CorrelationId})")]
    public static partial void RequestFailed(ILogger logger, string method, string path, string correlationId, Exception exception);
}
