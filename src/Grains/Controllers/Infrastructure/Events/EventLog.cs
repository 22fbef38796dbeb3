using Microsoft.Extensions.Logging;

namespace GitOps.Grains.Controllers.Infrastructure.Events;

internal static partial class EventLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Event {Reason} about {Kind} {Namespace}/{Name} was dropped: the event queue is full (raise GitOps:Controllers:EventQueueCapacity)")]
    public static partial void Dropped(ILogger logger, string reason, string kind, string @namespace, string name);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Event {Reason} about {Kind} {Namespace}/{Name} could not be written: {Error}")]
    public static partial void WriteFailed(ILogger logger, string reason, string kind, string @namespace, string name, string error);
}
