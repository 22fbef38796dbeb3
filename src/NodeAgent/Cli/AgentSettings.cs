using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Hosting;
using GitOps.NodeAgent.Nodes;
using GitOps.NodeAgent.Processes;
using GitOps.NodeAgent.Simulated;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Cli;

/// <summary>The validated command line: which runtime, against which servers (in the order used), with which nodes.</summary>
internal sealed record AgentSettings(
    string Runtime,
    IReadOnlyList<Uri> Servers,
    AgentCredentials Credentials,
    SimulatedFleetOptions Fleet,
    NodeTemplate ProcessNode,
    ProcessRuntimeOptions Process,
    AgentHostOptions Host,
    int MaxConcurrentRequests,
    IReadOnlyList<KeyValuePair<string, TimeSpan>> StopHeartbeatAfter,
    bool ControlStdin,
    LogLevel LogLevel)
{
    public const string SimulatedRuntime = "simulated";
    public const string ProcessRuntime = "process";
}
