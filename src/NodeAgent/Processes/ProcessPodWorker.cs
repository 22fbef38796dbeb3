using GitOps.NodeAgent.Pods;
using GitOps.NodeAgent.Pods.Spec;
using GitOps.NodeAgent.Pods.Status;

namespace GitOps.NodeAgent.Processes;

/// <summary>
/// One pod run as local processes: init containers one after another, then the app containers
/// side by side, each under <see cref="ContainerRunner"/>; the pod's status follows every change.
/// On deletion every container is stopped within the grace period and the pod object removed.
/// </summary>
internal sealed class ProcessPodWorker(PodWorkerContext context, ProcessRuntimeOptions options) : PodWorker(context)
{
    private static readonly TimeSpan ConfigRetryDelay = TimeSpan.FromSeconds(2);

    private readonly Lock _publishLock = new();
    private IReadOnlyList<ContainerRunner> _inits = [];
    private IReadOnlyList<ContainerRunner> _apps = [];
    private PodSpecModel _spec = new();
    private DateTimeOffset _startTime;
    private volatile bool _initialized;
    private volatile bool _ready;

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            _spec = PodSpecModel.Read(Pod);
        }
        catch (InvalidDataException ex)
        {
            Publish(new PodStatusSnapshot(PodStatusSnapshot.Failed, HostIp, HostIp, DateTimeOffset.UtcNow, false, false, [], [], "InvalidSpec", ex.Message));
            await WaitForDeletionAsync(cancellationToken);
            await FinishDeletionAsync(cancellationToken);
            return;
        }
        var phase = Pod.Status?["phase"]?.GetValue<string>();
        if (phase is PodStatusSnapshot.Succeeded or PodStatusSnapshot.Failed)
        {
            await WaitForDeletionAsync(cancellationToken);
            await FinishDeletionAsync(cancellationToken);
            return;
        }
        _startTime = DateTimeOffset.UtcNow;
        var sandbox = Path.Combine(options.WorkDirectory, "pods", $"{Ref.Namespace}_{Ref.Name}_{Ref.Uid}");
        Directory.CreateDirectory(sandbox);
        var policy = _spec.EffectiveRestartPolicy;
        var grace = TimeSpan.FromSeconds(_spec.TerminationGracePeriodSeconds ?? PodSpecModel.DefaultTerminationGracePeriodSeconds);
        _inits = _spec.InitContainers.Select(c => new ContainerRunner(c, true, policy, Path.Combine(sandbox, c.Name), grace, options, PublishCurrent)).ToArray();
        _apps = _spec.Containers.Select(c => new ContainerRunner(c, false, policy, Path.Combine(sandbox, c.Name), grace, options, PublishCurrent)).ToArray();
        _initialized = _inits.Count == 0;
        PublishCurrent();
        try
        {
            using (var life = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, DeletionToken))
                await RunContainersAsync(sandbox, life.Token);
            if (cancellationToken.IsCancellationRequested)
                return;
            await WaitForDeletionAsync(cancellationToken);
            var deletionGrace = PodSpecModel.GracePeriodOf(Pod, _spec);
            await Task.WhenAll(_inits.Concat(_apps).Select(r => r.StopAsync(deletionGrace, cancellationToken)));
            PublishCurrent();
            await FinishDeletionAsync(cancellationToken);
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested)
            {
                foreach (var runner in _inits.Concat(_apps))
                    runner.Kill();
            }
        }
    }

    private async Task RunContainersAsync(string sandbox, CancellationToken life)
    {
        try
        {
            foreach (var init in _inits)
            {
                if (!await PrepareAsync(init, sandbox, life))
                    return;
                var exitCode = await init.RunAsync(life);
                if (exitCode is not 0)
                    return;
            }
            _initialized = true;
            PublishCurrent();
            foreach (var app in _apps)
            {
                if (!await PrepareAsync(app, sandbox, life))
                    return;
            }
            await Task.WhenAll(_apps.Select(a => a.RunAsync(life)));
        }
        catch (OperationCanceledException) when (life.IsCancellationRequested)
        {
        }
    }

    /// <summary>Builds the container's launch; while a referenced config map or secret is missing, shows CreateContainerConfigError and retries.</summary>
    private async Task<bool> PrepareAsync(ContainerRunner runner, string sandbox, CancellationToken life)
    {
        var container = runner.Spec;
        if (container.Command.Count == 0 && container.Args.Count == 0)
        {
            runner.SetWaiting("CreateContainerError",
                $"container {container.Name} has no command or args: the process runtime runs them as a local program and cannot use the image's entrypoint ({container.Image}).");
            await Task.Delay(Timeout.Infinite, life);
            return false;
        }
        var resolver = new EnvResolver(Context.Client);
        while (true)
        {
            var env = await resolver.ResolveAsync(Pod, container, HostIp, life);
            if (env.IsResolved)
            {
                runner.SetLaunch(BuildLaunch(container, env.Variables, sandbox));
                return true;
            }
            runner.SetWaiting("CreateContainerConfigError", env.Error);
            await Task.Delay(ConfigRetryDelay, life);
        }
    }

    private ContainerLaunch BuildLaunch(ContainerModel container, IReadOnlyList<KeyValuePair<string, string>> variables, string sandbox)
    {
        var environment = new List<KeyValuePair<string, string>>
        {
            new("PATH", Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin"),
            new("HOSTNAME", Ref.Name),
            new("HOME", sandbox),
        };
        environment.RemoveAll(e => variables.Any(v => v.Key == e.Key));
        environment.AddRange(variables);
        var known = variables.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var words = container.Command.Concat(container.Args).Select(w => VariableExpander.Expand(w, known)).ToArray();
        var workingDirectory = !string.IsNullOrEmpty(container.WorkingDir) && Directory.Exists(container.WorkingDir) ? container.WorkingDir : sandbox;
        return new ContainerLaunch(words[0], words[1..], environment, workingDirectory);
    }

    private void PublishCurrent()
    {
        lock (_publishLock)
        {
            var idPrefix = Ref.Uid;
            var apps = _apps.Select(a => a.Snapshot(idPrefix)).ToArray();
            var inits = _inits.Select(i => i.Snapshot(idPrefix)).ToArray();
            var phase = PodPhaseRules.Phase(_spec.EffectiveRestartPolicy, _inits, _apps, _initialized);
            _ready = apps.Length > 0 && apps.All(a => a.Ready);
            Publish(new PodStatusSnapshot(phase, HostIp, HostIp, _startTime, _initialized, _ready, inits, apps));
        }
    }

    /// <summary>Process pods share the host's network, so the pod IP is the node's address.</summary>
    private string HostIp => Context.Node.Template.InternalIp;
}
