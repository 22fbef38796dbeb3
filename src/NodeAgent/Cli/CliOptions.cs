using System.CommandLine;
using GitOps.NodeAgent.Hosting;
using GitOps.NodeAgent.Nodes;
using GitOps.NodeAgent.Simulated;

namespace GitOps.NodeAgent.Cli;

/// <summary>The agent's command-line options; values are checked together in <see cref="AgentSettingsReader"/>.</summary>
internal sealed class CliOptions
{
    public Option<string[]> Servers { get; } = new("--server")
    {
        Description = "Base URL of the API server (a silo's gateway), e.g. http://127.0.0.1:8080. Repeatable: with several silos the agent talks to the first and moves to the next when it fails (no connection, timeout, 5xx).",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };
    public Option<string?> TokenFile { get; } = new("--token-file") { Description = "A file holding the bearer token the agent sends (one line). With one node: that node's token (user system:node:NAME in group system:nodes). With several: the token of the requests made for no one node, and of every node --token-dir has no file for." };
    public Option<string?> TokenDir { get; } = new("--token-dir") { Description = "A directory holding each node's token in a file named after the node (e.g. sim-node-1), so every simulated node authenticates as itself (system:node:NAME)." };
    public Option<string> Runtime { get; } = new("--runtime") { Description = "simulated (the default): many nodes, no containers (like KWOK); process: one node running pods' commands as local processes on this host, off unless given here.", DefaultValueFactory = _ => "simulated" };
    public Option<int> Nodes { get; } = new("--nodes") { Description = "simulated: how many nodes to register.", DefaultValueFactory = _ => SimulatedFleetOptions.DefaultNodeCount };
    public Option<string> NamePrefix { get; } = new("--name-prefix") { Description = "simulated: nodes are named <prefix>-1 ... <prefix>-N.", DefaultValueFactory = _ => SimulatedFleetOptions.DefaultNamePrefix };
    public Option<string?> NodeName { get; } = new("--node-name") { Description = "process: the node's name (default: this host's name)." };
    public Option<string> NodeIp { get; } = new("--node-ip") { Description = "process: the node's InternalIP, also the pods' IP (they share the host's network).", DefaultValueFactory = _ => "127.0.0.1" };
    public Option<string?> Cpu { get; } = new("--cpu") { Description = "CPU capacity per node as a quantity (4, 3500m). Default: 4 (simulated), this machine's cores (process)." };
    public Option<string?> Memory { get; } = new("--memory") { Description = "Memory capacity per node as a quantity (16Gi). Default: 16Gi (simulated), this machine's memory (process)." };
    public Option<int> MaxPods { get; } = new("--max-pods") { Description = "Pod capacity per node.", DefaultValueFactory = _ => SimulatedFleetOptions.DefaultPodsPerNode };
    public Option<string> InstanceType { get; } = new("--instance-type") { Description = "The node.kubernetes.io/instance-type label.", DefaultValueFactory = _ => SimulatedFleetOptions.DefaultInstanceType };
    public Option<string[]> Labels { get; } = new("--label") { Description = "An extra node label key=value (repeatable).", AllowMultipleArgumentsPerToken = false };
    public Option<string[]> Taints { get; } = new("--taint") { Description = "A node taint key=value:Effect or key:Effect (repeatable), set when the node is created." };
    public Option<string> StartDelay { get; } = new("--start-delay") { Description = "simulated: time from a pod landing on a node to Running (e.g. 1s, 200ms).", DefaultValueFactory = _ => "1s" };
    public Option<double> FailureRate { get; } = new("--failure-rate") { Description = "simulated: percentage (0-100) of pods whose containers crash, again after each restart.", DefaultValueFactory = _ => 0 };
    public Option<string> CrashAfter { get; } = new("--crash-after") { Description = "simulated: how long a crashing container runs before exiting with code 1.", DefaultValueFactory = _ => "5s" };
    public Option<string> CompleteAfter { get; } = new("--complete-after") { Description = "simulated: how long the containers of a pod with restartPolicy Never or OnFailure (a Job's pod) run before exiting 0.", DefaultValueFactory = _ => "5s" };
    public Option<string> RestartBackoff { get; } = new("--restart-backoff") { Description = "The first crash-loop back-off; it doubles per restart up to 5m (kubelet: 10s).", DefaultValueFactory = _ => "10s" };
    public Option<string> HeartbeatInterval { get; } = new("--heartbeat-interval") { Description = "How often each node renews its Lease in kube-node-lease.", DefaultValueFactory = _ => "10s" };
    public Option<string> NodeStatusInterval { get; } = new("--node-status-interval") { Description = "How often each node rewrites its Ready condition when nothing changed.", DefaultValueFactory = _ => "40s" };
    public Option<string> LeaseDuration { get; } = new("--lease-duration") { Description = "The leaseDurationSeconds written into each node's Lease.", DefaultValueFactory = _ => "40s" };
    public Option<string[]> StopHeartbeatAfter { get; } = new("--stop-heartbeat-after") { Description = "Failure injection: node=duration (repeatable); that node stops heartbeating and reporting after the duration." };
    public Option<bool> ControlStdin { get; } = new("--control-stdin") { Description = "Read commands from standard input: 'stop-heartbeat <node>', 'resume-heartbeat <node>'." };
    public Option<string?> WorkDir { get; } = new("--work-dir") { Description = "process: directory for pod sandboxes and container logs (default: <temp>/gitops-node-agent/<node>)." };
    public Option<string?> RunAsUser { get; } = new("--run-as-user") { Description = "process, when the agent runs as root: the unprivileged user containers run as (default: nobody)." };
    public Option<int> MaxConcurrentRequests { get; } = new("--max-concurrent-requests") { Description = "API requests in flight at once.", DefaultValueFactory = _ => Client.KubeClientOptions.DefaultMaxConcurrentRequests };
    public Option<int> StatusWriters { get; } = new("--status-writers") { Description = "Pod status writes in flight at once.", DefaultValueFactory = _ => AgentHostOptions.DefaultStatusWriteConcurrency };
    public Option<string> LogLevel { get; } = new("--log-level") { Description = "Trace, Debug, Information, Warning or Error.", DefaultValueFactory = _ => "Information" };

    public IEnumerable<Option> All =>
    [
        Servers, TokenFile, TokenDir, Runtime, Nodes, NamePrefix, NodeName, NodeIp, Cpu, Memory, MaxPods, InstanceType, Labels, Taints,
        StartDelay, FailureRate, CrashAfter, CompleteAfter, RestartBackoff, HeartbeatInterval, NodeStatusInterval, LeaseDuration,
        StopHeartbeatAfter, ControlStdin, WorkDir, RunAsUser, MaxConcurrentRequests, StatusWriters, LogLevel,
    ];

    /// <summary>Parses a taint for <see cref="Taints"/>; shared with the settings reader.</summary>
    public static NodeTaint? ParseTaint(string text, List<string> errors)
    {
        var taint = NodeTaint.TryParse(text, out var error);
        if (error is not null)
            errors.Add($"--taint {error}");
        return taint;
    }
}
