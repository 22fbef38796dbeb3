using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Simulated;

/// <summary>
/// Many simulated nodes served by one process, as KWOK does: registers the nodes, heartbeats for
/// them, watches all bound pods with one watch, and plays their lifecycle (Running after a delay,
/// optional crashes, graceful deletion). Host it in-process (the silo's embedded default) or from
/// the node agent executable. Failure injection: <see cref="StopHeartbeat"/> silences a node as
/// if its kubelet had died; <see cref="ResumeHeartbeat"/> brings it back. Every time the fleet
/// writes (node heartbeats, pod and container times) comes from the <see cref="TimeProvider"/> given.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private readonly KubeClient _client;
    private readonly AgentHost _host;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _scheduled = [];

    public SimulatedFleet(SimulatedFleetOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        var errors = options.Validate();
        if (options.Servers.Count == 0)
            errors = [.. errors, "--server is required: the API server's base URL, e.g. http://127.0.0.1:8080."];
        if (errors.Count > 0)
            throw new ArgumentException("Invalid simulated fleet settings: " + string.Join(" ", errors), nameof(options));
        Options = options;
        _client = new KubeClient(
            new KubeClientOptions { Servers = options.Servers, MaxConcurrentRequests = options.MaxConcurrentRequests, Credentials = options.Credentials },
            loggerFactory.CreateLogger<KubeClient>());
        _host = new AgentHost(_client, options.NodeTemplates(), new SimulatedRuntime(options.Pods), options.Host, time, loggerFactory.CreateLogger<SimulatedFleet>());
        NodeNames = _host.Nodes.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    public SimulatedFleetOptions Options { get; }

    /// <summary>The names of the fleet's nodes, e.g. sim-node-1 ... sim-node-3.</summary>
    public IReadOnlyList<string> NodeNames { get; }

    /// <summary>The number of pods the fleet is running (or stopping) now.</summary>
    public int PodCount => _host.Pods.Count;

    /// <summary>Registers every node (retrying until the API answers) and starts serving them; completes once pods are being watched.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => _host.StartAsync(cancellationToken);

    /// <summary>Silences <paramref name="nodeName"/>: no lease renewals, node status or pod status until resumed.</summary>
    public void StopHeartbeat(string nodeName) => _host.Node(nodeName).Silence();

    /// <summary>Silences <paramref name="nodeName"/> after <paramref name="delay"/>.</summary>
    public void StopHeartbeatAfter(string nodeName, TimeSpan delay)
    {
        var node = _host.Node(nodeName);
        lock (_scheduled)
        {
            _scheduled.Add(Task.Delay(delay, _stopping.Token).ContinueWith(
                t =>
                {
                    if (!t.IsCanceled)
                        node.Silence();
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default));
        }
    }

    /// <summary>Lets a silenced node heartbeat (and report its pods) again.</summary>
    public void ResumeHeartbeat(string nodeName) => _host.Node(nodeName).Resume();

    public bool IsHeartbeating(string nodeName) => !_host.Node(nodeName).IsSilenced;

    /// <summary>Completes when every pod status the fleet has produced so far has been written.</summary>
    public Task WhenStatusWrittenAsync(CancellationToken cancellationToken) => _host.StatusWriter.WhenIdleAsync(cancellationToken);

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _host.DisposeAsync();
        _client.Dispose();
        _stopping.Dispose();
    }
}
