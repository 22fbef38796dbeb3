namespace GitOps.NodeAgent.Nodes;

/// <summary>
/// One node this agent serves: its template, its pod addresses, its uid once registered, and
/// whether it is silenced (failure injection: a silenced node neither heartbeats nor reports pods,
/// as if its kubelet had died, until resumed).
/// </summary>
public sealed class ManagedNode(NodeTemplate template)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _active = Completed();

    public NodeTemplate Template { get; } = template;

    public string Name => Template.Name;

    public PodAddressPool Addresses { get; } = new(template.PodCidr);

    public string? Uid { get; internal set; }

    public bool IsSilenced { get; private set; }

    /// <summary>Raised (outside any lock) when a silenced node is resumed, so pending reports can go out.</summary>
    public event Action<ManagedNode>? Resumed;

    public void Silence()
    {
        lock (_lock)
        {
            if (IsSilenced)
                return;
            IsSilenced = true;
            _active = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Resume()
    {
        TaskCompletionSource active;
        lock (_lock)
        {
            if (!IsSilenced)
                return;
            IsSilenced = false;
            active = _active;
        }
        active.TrySetResult();
        Resumed?.Invoke(this);
    }

    /// <summary>Completes at once for an active node, else when it is resumed.</summary>
    public Task WaitUntilActiveAsync(CancellationToken cancellationToken)
    {
        Task active;
        lock (_lock)
            active = _active.Task;
        return active.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource Completed()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
