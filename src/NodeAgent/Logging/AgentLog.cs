using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Logging;

/// <summary>The agent's log messages (source-generated), with stable keys: Node, Namespace, Name, Path, Server.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Node agent started: {NodeCount} node(s), runtime {Runtime}, API server(s) {Servers}")]
    public static partial void AgentStarted(ILogger logger, int nodeCount, string runtime, string servers);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Node agent stopped ({NodeCount} node(s))")]
    public static partial void AgentStopped(ILogger logger, int nodeCount);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "An agent loop failed unexpectedly; the agent goes on without it")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "{Method} {Path} failed (attempt {Attempt}: {Failure}); retrying in {Delay}")]
    public static partial void RequestRetry(ILogger logger, string method, string path, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Listing {Path} failed: {Error}; retrying with back-off")]
    public static partial void ListFailed(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Watch of {Path} expired at resourceVersion {ResourceVersion} ({Reason}); listing again")]
    public static partial void WatchExpired(ILogger logger, string path, string resourceVersion, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Watch of {Path} failed: {Error}; watching again with back-off")]
    public static partial void WatchFailed(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 14, Level = LogLevel.Debug, Message = "Watch stream {Path} broke: {Error}; resuming")]
    public static partial void WatchBroken(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "API server {Server} failed ({Reason}); moving to {NextServer}")]
    public static partial void ServerSwitched(ILogger logger, string server, string nextServer, string reason);

    [LoggerMessage(EventId = 16, Level = LogLevel.Debug, Message = "Watch {Path} on {Server} ended: the client moved to another API server")]
    public static partial void WatchLeftServer(ILogger logger, string path, string server);

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Node {Node} registered (uid {Uid})")]
    public static partial void NodeRegistered(ILogger logger, string node, string uid);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Registering node {Node} failed while {Error}; retrying with back-off")]
    public static partial void NodeRegistrationFailed(ILogger logger, string node, string error);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Node {Node} stopped heartbeating (silenced)")]
    public static partial void HeartbeatStopped(ILogger logger, string node);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Node {Node} heartbeats again")]
    public static partial void HeartbeatResumed(ILogger logger, string node);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Renewing the lease of node {Node} failed: {Error}")]
    public static partial void LeaseRenewFailed(ILogger logger, string node, string error);

    [LoggerMessage(EventId = 25, Level = LogLevel.Warning, Message = "Updating the status of node {Node} failed: {Error}")]
    public static partial void NodeStatusFailed(ILogger logger, string node, string error);

    [LoggerMessage(EventId = 26, Level = LogLevel.Warning, Message = "Node {Node} is missing on API server {Server}; registering it again")]
    public static partial void NodeMissing(ILogger logger, string node, string server);

    [LoggerMessage(EventId = 30, Level = LogLevel.Debug, Message = "Pod {Namespace}/{Name} accepted on node {Node} (runtime {Runtime})")]
    public static partial void PodAccepted(ILogger logger, string @namespace, string name, string node, string runtime);

    [LoggerMessage(EventId = 31, Level = LogLevel.Debug, Message = "Pod {Namespace}/{Name} status written: {Phase}")]
    public static partial void PodStatusWritten(ILogger logger, string @namespace, string name, string phase);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "Writing the status of pod {Namespace}/{Name} failed: {Error}")]
    public static partial void PodStatusFailed(ILogger logger, string @namespace, string name, string error);

    [LoggerMessage(EventId = 33, Level = LogLevel.Debug, Message = "Pod {Namespace}/{Name} stopped on node {Node} and deleted")]
    public static partial void PodDeleted(ILogger logger, string @namespace, string name, string node);

    [LoggerMessage(EventId = 34, Level = LogLevel.Warning, Message = "Deleting pod {Namespace}/{Name} after its containers stopped failed: {Error}")]
    public static partial void PodDeleteFailed(ILogger logger, string @namespace, string name, string error);

    [LoggerMessage(EventId = 35, Level = LogLevel.Error, Message = "The worker of pod {Namespace}/{Name} failed")]
    public static partial void PodWorkerFailed(ILogger logger, string @namespace, string name, Exception exception);

    [LoggerMessage(EventId = 36, Level = LogLevel.Information,
        Message = "Process runtime on: containers run as user {User}, each in its own process group; {Leftovers} group(s) an earlier run left in {WorkDirectory} were killed")]
    public static partial void ProcessRuntimeReady(ILogger logger, string user, int leftovers, string workDirectory);
}
