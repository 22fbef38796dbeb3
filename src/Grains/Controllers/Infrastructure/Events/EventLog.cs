using Microsoft.Extensions.Logging;

namespace GitOps.Grains.Controllers.Infrastructure.Events;

internal static partial class EventLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Event {Reason} about {Kind} {Namespace}/{Name} was dropped: the event queue is full (raise GitOps:Controllers:EventQueueCapacity)")]
    public static partial void Dropped(ILogger logger, string reason, string kind, string @namespace, string name);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Event {Reason} about {Kind} {Namespace}/{Name} could not be written: {Error}")]
    public static partial void WriteFailed(ILogger logger, string reason, string kind, string @namespace, string name, string error);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Deleted {Count} Events last seen more than {Ttl} ago (GitOps:Controllers:EventTtl)")]
    public static partial void Expired(ILogger logger, int count, TimeSpan ttl);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Expired Events could not be deleted; retrying at the next sweep")]
    public static partial void ExpiryFailed(ILogger logger, Exception exception);
}
