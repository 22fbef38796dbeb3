using GitOps.NodeAgent.Pods;

namespace GitOps.NodeAgent.Processes;

/// <summary>The runtime that runs each container's command as a local process (pods share the host's network).</summary>
public sealed class ProcessRuntime : IPodRuntime
{
    private readonly ProcessRuntimeOptions _options;

    public ProcessRuntime(ProcessRuntimeOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid process runtime settings: " + string.Join(" ", errors), nameof(options));
        _options = options;
    }

    public string Name => "process";

    public PodWorker CreateWorker(PodWorkerContext context) => new ProcessPodWorker(context, _options);
}
