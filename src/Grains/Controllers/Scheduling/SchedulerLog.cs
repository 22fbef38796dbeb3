using Microsoft.Extensions.Logging;

namespace GitOps.Grains.Controllers.Scheduling;

internal static partial class SchedulerLog
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Debug, Message = "Bound pod {Namespace}/{Name} to node {Node}")]
    public static partial void Bound(ILogger logger, string @namespace, string name, string node);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "Pod {Namespace}/{Name} is unschedulable: {Reason}")]
    public static partial void Unschedulable(ILogger logger, string @namespace, string name, string reason);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Debug, Message = "Binding pod {Namespace}/{Name} to node {Node} failed ({Outcome}); the assumption is forgotten and the pod retried when it changes")]
    public static partial void BindFailed(ILogger logger, string @namespace, string name, string node, string outcome);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Warning, Message = "Writing the Unschedulable condition of pod {Namespace}/{Name} failed; it is written again at the pod's next attempt: {Error}")]
    public static partial void StatusWriteFailed(ILogger logger, string @namespace, string name, string error);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Debug, Message = "Waiting for store changes failed; the scheduler looks at the change log again when a bind completes: {Error}")]
    public static partial void ChangeWaitFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 5206, Level = LogLevel.Warning, Message = "Writing PodScheduled=True for the bound pod {Namespace}/{Name} failed; its node agent's first status report sets it: {Error}")]
    public static partial void ConfirmFailed(ILogger logger, string @namespace, string name, string error);
}
