using Microsoft.Extensions.Logging;

namespace GitOps.Grains.Controllers.Nodes;

internal static partial class NodeLifecycleLog
{
    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Node {Name} is {Health}: last heard from {LastHeardFrom:O}")]
    public static partial void NodeUnhealthy(ILogger logger, string name, NodeHealth health, DateTimeOffset lastHeardFrom);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "Node {Name} is Ready again; its lifecycle taints are removed")]
    public static partial void NodeReady(ILogger logger, string name);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "Evicting pod {Namespace}/{Name} from node {Node} ({Health})")]
    public static partial void Evicting(ILogger logger, string @namespace, string name, string node, NodeHealth health);

    [LoggerMessage(EventId = 5304, Level = LogLevel.Debug, Message = "Updating node {Name} failed ({Outcome}); retrying")]
    public static partial void UpdateFailed(ILogger logger, string name, string outcome);
}
