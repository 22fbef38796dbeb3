using GitOps.NodeAgent.Pods;

namespace GitOps.NodeAgent.Processes;

/// <summary>
/// The runtime that runs each container's command as a local process (pods share the host's network), contained as
/// <see cref="ContainerIsolation"/> says. Off unless the agent is started with <c>--runtime process</c>. Creating it
/// kills what an earlier agent with the same work directory left running; disposing it ends every container.
/// </summary>
public sealed class ProcessRuntime : IPodRuntime, IDisposable
{
    private readonly ProcessRuntimeOptions _options;
    private readonly ContainerIsolation _isolation;

    public ProcessRuntime(ProcessRuntimeOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid process runtime settings: " + string.Join(" ", errors), nameof(options));
        _options = options;
        _isolation = ContainerIsolation.Start(options);
    }

    public string Name => "process";

    /// <summary>Containers an earlier run left running that this start killed.</summary>
    public int KilledLeftovers => _isolation.Groups.KilledLeftovers;

    /// <summary>The user containers run as (null: the agent's own, as it is not root).</summary>
    public UnixUser? RunAs => _isolation.RunAs;

    public PodWorker CreateWorker(PodWorkerContext context) => new ProcessPodWorker(context, _options, _isolation);

    public void Dispose() => _isolation.Dispose();
}
