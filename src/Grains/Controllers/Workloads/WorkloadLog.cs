using Microsoft.Extensions.Logging;

namespace GitOps.Grains.Controllers.Workloads;

internal static partial class WorkloadLog
{
    [LoggerMessage(EventId = 5501, Level = LogLevel.Warning, Message = "Creating pods for {Kind} {Namespace}/{Name} failed: {Reason}")]
    public static partial void CreatePodsFailed(ILogger logger, string kind, string @namespace, string name, string reason);

    [LoggerMessage(EventId = 5502, Level = LogLevel.Debug, Message = "{Kind} {Namespace}/{Name} changed while being written ({Outcome}); the next reconcile sees the new state")]
    public static partial void WriteRaced(ILogger logger, string kind, string @namespace, string name, string outcome);

    [LoggerMessage(EventId = 5503, Level = LogLevel.Warning, Message = "Deployment {Namespace}/{Name}: ReplicaSet {ReplicaSet} exists with another template or owner; collisionCount is now {CollisionCount}")]
    public static partial void HashCollision(ILogger logger, string @namespace, string name, string replicaSet, int collisionCount);

    [LoggerMessage(EventId = 5504, Level = LogLevel.Warning, Message = "Writing {Kind} {Namespace}/{Name} failed: {Outcome} {Reason}")]
    public static partial void WriteFailed(ILogger logger, string kind, string @namespace, string name, string outcome, string reason);
}
