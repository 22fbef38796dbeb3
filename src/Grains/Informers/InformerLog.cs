using Microsoft.Extensions.Logging;

namespace GitOps.Grains.Informers;

internal static partial class InformerLog
{
    [LoggerMessage(EventId = 5601, Level = LogLevel.Error, Message = "Reading the change log after resourceVersion {ResourceVersion} failed ({Attempt} in a row); retrying in {Delay}")]
    public static partial void ReadFailed(ILogger logger, long resourceVersion, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 5602, Level = LogLevel.Warning, Message = "The change log was compacted past resourceVersion {ResourceVersion}; relisting {Kinds} informed kinds")]
    public static partial void Expired(ILogger logger, long resourceVersion, int kinds);

    [LoggerMessage(EventId = 5603, Level = LogLevel.Information, Message = "Informer of {Kind} listed {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, string kind, int count, long resourceVersion);

    [LoggerMessage(EventId = 5604, Level = LogLevel.Error, Message = "Informer handler {Handler} failed on a change of {Kind}")]
    public static partial void HandlerFailed(ILogger logger, string kind, string handler, Exception exception);

    [LoggerMessage(EventId = 5605, Level = LogLevel.Error, Message = "A cached {Kind} {Namespace}/{Name} was changed in place by a reader; readers must clone informer objects before changing them")]
    public static partial void CachedObjectMutated(ILogger logger, string kind, string @namespace, string name);
}
