using Microsoft.Extensions.Logging;

namespace GitOps.Grains.Controllers.GarbageCollection;

internal static partial class GarbageCollectorLog
{
    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Garbage collector: {Action}")]
    public static partial void Acting(ILogger logger, string action);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Debug, Message = "Garbage collector could not {Action}: {Outcome}; retrying")]
    public static partial void ActionFailed(ILogger logger, string action, string outcome);
}
