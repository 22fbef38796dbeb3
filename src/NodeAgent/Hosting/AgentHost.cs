using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Logging;
using GitOps.NodeAgent.Nodes;
using GitOps.NodeAgent.Pods;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Hosting;

/// <summary>
/// What every runtime shares: registers the nodes, keeps them heartbeating, watches the pods
/// bound to them (one watch for the whole agent: <c>spec.nodeName=&lt;node&gt;</c> for one node,
/// <c>spec.nodeName!=</c> filtered here for many) and hands each pod to the runtime's worker.
/// Everything it starts reads the time from the one <see cref="TimeProvider"/> given here.
/// </summary>
public sealed class AgentHost : IAsyncDisposable
{
    private readonly KubeClient _client;
    private readonly IPodRuntime _runtime;
    private readonly AgentHostOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, ManagedNode> _nodes;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly Dictionary<string, NodeHeartbeat> _heartbeats = new(StringComparer.Ordinal);
    private PodDispatcher? _dispatcher;
    private int _started;

    public AgentHost(KubeClient client, IEnumerable<NodeTemplate> nodes, IPodRuntime runtime, AgentHostOptions options, TimeProvider time, ILogger logger)
    {
        var errors = options.Heartbeat.Validate("");
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        _client = client;
        _runtime = runtime;
        _options = options;
        _time = time;
        _logger = logger;
        _nodes = nodes.ToDictionary(n => n.Name, n => new ManagedNode(n), StringComparer.Ordinal);
        if (_nodes.Count == 0)
            throw new ArgumentException("An agent needs at least one node.", nameof(nodes));
        StatusWriter = new PodStatusWriter(client, options.StatusWriteConcurrency, name => _nodes.GetValueOrDefault(name), logger);
        foreach (var node in _nodes.Values)
            node.Resumed += StatusWriter.Release;
    }

    public IReadOnlyDictionary<string, ManagedNode> Nodes => _nodes;

    public PodStatusWriter StatusWriter { get; }

    /// <summary>The pods running here now.</summary>
    public IReadOnlyList<PodWorker> Pods => _dispatcher?.Workers ?? [];

    /// <summary>
    /// Registers every node (retrying until the API answers), then starts heartbeats, status
    /// writes and the pod watch; completes once the first list of pods has been taken in.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
            throw new InvalidOperationException("The agent was already started.");
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var registrar = new NodeRegistrar(_client, _time, _logger);
        await Parallel.ForEachAsync(
            _nodes.Values,
            new ParallelOptions { MaxDegreeOfParallelism = _options.RegistrationConcurrency, CancellationToken = linked.Token },
            (node, ct) => new ValueTask(registrar.RegisterAsync(node, ct)));
        var stopping = _stopping.Token;
        foreach (var node in _nodes.Values)
        {
            var heartbeat = new NodeHeartbeat(_client.ForNode(node.Name), registrar, node, _options.Heartbeat, _time, _logger);
            _heartbeats[node.Name] = heartbeat;
            _loops.Add(RunLoopAsync(() => heartbeat.RunAsync(stopping)));
        }
        _loops.Add(RunLoopAsync(() => StatusWriter.RunAsync(stopping)));
        _dispatcher = new PodDispatcher(_runtime, _nodes, _client, StatusWriter, _time, _logger, stopping);
        var selector = _nodes.Count == 1 ? $"spec.nodeName={_nodes.Keys.Single()}" : "spec.nodeName!=";
        var watcher = new ListWatcher(_client, ResourcePath.Pods(), new ListOptions(FieldSelector: selector), _dispatcher, _time, _logger);
        _loops.Add(RunLoopAsync(() => watcher.RunAsync(stopping)));
        AgentLog.AgentStarted(_logger, _nodes.Count, _runtime.Name, string.Join(", ", _client.Servers));
        await watcher.Synced.WaitAsync(linked.Token);
    }

    /// <summary>Sends one heartbeat of <paramref name="nodeName"/> now (lease and node status), outside its schedule.</summary>
    public Task HeartbeatNowAsync(string nodeName, CancellationToken cancellationToken) =>
        _heartbeats.TryGetValue(nodeName, out var heartbeat)
            ? heartbeat.BeatAsync(cancellationToken)
            : throw new ArgumentException($"This agent does not serve a node named '{nodeName}'.", nameof(nodeName));

    public ManagedNode Node(string nodeName) =>
        _nodes.TryGetValue(nodeName, out var node)
            ? node
            : throw new ArgumentException($"This agent does not serve a node named '{nodeName}'; it serves {string.Join(", ", _nodes.Keys.Take(5))}{(_nodes.Count > 5 ? ", ..." : "")}.", nameof(nodeName));

    /// <summary>Stops watching and heartbeating and stops every pod worker (their processes included).</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
            return;
        await _stopping.CancelAsync();
        var workers = Pods.Select(p => p.Completion);
        await Task.WhenAll(_loops.Concat(workers));
        AgentLog.AgentStopped(_logger, _nodes.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }

    private async Task RunLoopAsync(Func<Task> loop)
    {
        try
        {
            await Task.Run(loop);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            AgentLog.LoopFailed(_logger, ex);
        }
    }
}
