using GitOps.Model.Objects;
using GitOps.Model.Validation;
using GitOps.NodeAgent.Pods;
using GitOps.NodeAgent.Pods.Spec;
using GitOps.NodeAgent.Pods.Status;

namespace GitOps.NodeAgent.Processes;

/// <summary>
/// The containers of one pod run as local processes: init containers one after another (each
/// must exit 0), then the app containers side by side, each under a <see cref="ContainerRunner"/>.
/// Every change produces a new <see cref="PodStatusSnapshot"/> through the callback; its times
/// (startTime, containers' startedAt and finishedAt) come from the clock given here.
/// </summary>
internal sealed class ProcessPod
{
    private static readonly TimeSpan ConfigRetryDelay = TimeSpan.FromSeconds(2);

    private readonly KubeObject _pod;
    private readonly PodSpecModel _spec;
    private readonly PodRef _ref;
    private readonly string _hostIp;
    private readonly string _sandbox;
    private readonly EnvResolver _envResolver;
    private readonly ContainerIsolation _isolation;
    private readonly Action<PodStatusSnapshot> _report;
    private readonly Lock _reportLock = new();
    private readonly DateTimeOffset _startTime;
    private volatile bool _initialized;

    /// <summary>Throws <see cref="InvalidDataException"/> when a name that becomes a path (pod, namespace, uid, container) is not a DNS-1123 label.</summary>
    public ProcessPod(
        KubeObject pod, PodSpecModel spec, string hostIp, ProcessRuntimeOptions options, ContainerIsolation isolation, EnvResolver envResolver,
        TimeProvider time, Action<PodStatusSnapshot> report)
    {
        _isolation = isolation;
        _pod = pod;
        _spec = spec;
        _ref = PodRef.Of(pod);
        _hostIp = hostIp;
        _envResolver = envResolver;
        _report = report;
        _startTime = time.GetUtcNow();
        CheckPathNames(_ref, spec);
        _sandbox = Path.Combine(options.WorkDirectory, "pods", $"{_ref.Namespace}_{_ref.Name}_{_ref.Uid}");
        var policy = spec.EffectiveRestartPolicy;
        var grace = TimeSpan.FromSeconds(spec.TerminationGracePeriodSeconds ?? PodSpecModel.DefaultTerminationGracePeriodSeconds);
        Inits = spec.InitContainers.Select(c => new ContainerRunner(c, true, policy, Path.Combine(_sandbox, c.Name), grace, options, isolation, time, Report)).ToArray();
        Apps = spec.Containers.Select(c => new ContainerRunner(c, false, policy, Path.Combine(_sandbox, c.Name), grace, options, isolation, time, Report)).ToArray();
        _initialized = Inits.Count == 0;
    }

    public IReadOnlyList<ContainerRunner> Inits { get; }

    public IReadOnlyList<ContainerRunner> Apps { get; }

    /// <summary>The pod's directory: a log file per container run under <c>{container}/{restartCount}.log</c>.</summary>
    public string Sandbox => _sandbox;

    /// <summary>
    /// Runs init containers, then app containers, until every container has finished for good
    /// (the pod succeeded or failed) or <paramref name="life"/> is cancelled (deletion requested),
    /// leaving running processes to <see cref="StopAsync"/>.
    /// </summary>
    public async Task RunAsync(CancellationToken life)
    {
        Directory.CreateDirectory(_sandbox);
        // The sandbox is the containers' HOME and working directory: theirs to write when they run as another user.
        if (_isolation.RunAs is { } user)
            UnixFiles.Chown(_sandbox, user.Uid, user.Gid);
        Report();
        try
        {
            foreach (var init in Inits)
            {
                if (!await PrepareAsync(init, life))
                    return;
                var exitCode = await init.RunAsync(life);
                if (exitCode is not 0)
                    return;
            }
            _initialized = true;
            Report();
            foreach (var app in Apps)
            {
                if (!await PrepareAsync(app, life))
                    return;
            }
            await Task.WhenAll(Apps.Select(a => a.RunAsync(life)));
        }
        catch (OperationCanceledException) when (life.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops every container within <paramref name="grace"/> (preStop, SIGTERM, SIGKILL).</summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Inits.Concat(Apps).Select(r => r.StopAsync(grace, cancellationToken)));
        Report();
    }

    /// <summary>Kills every container at once.</summary>
    public void Kill()
    {
        foreach (var runner in Inits.Concat(Apps))
            runner.Kill();
    }

    /// <summary>The pod's status now.</summary>
    public PodStatusSnapshot Snapshot()
    {
        var apps = Apps.Select(a => a.Snapshot(_ref.Uid)).ToArray();
        var inits = Inits.Select(i => i.Snapshot(_ref.Uid)).ToArray();
        var phase = PodPhaseRules.Phase(_spec.EffectiveRestartPolicy, Inits, Apps, _initialized);
        var ready = apps.Length > 0 && apps.All(a => a.Ready);
        return new PodStatusSnapshot(phase, _hostIp, _hostIp, _startTime, _initialized, ready, inits, apps);
    }

    private void Report()
    {
        lock (_reportLock)
            _report(Snapshot());
    }

    /// <summary>Builds the container's launch; while a referenced config map or secret is missing, shows CreateContainerConfigError and retries.</summary>
    private async Task<bool> PrepareAsync(ContainerRunner runner, CancellationToken life)
    {
        var container = runner.Spec;
        if (container.Command.Count == 0 && container.Args.Count == 0)
        {
            runner.SetWaiting("CreateContainerError",
                $"container {container.Name} has no command or args: the process runtime runs them as a local program and cannot use the image's entrypoint ({container.Image}).");
            await Task.Delay(Timeout.Infinite, life);
            return false;
        }
        while (true)
        {
            var env = await _envResolver.ResolveAsync(_pod, container, _hostIp, life);
            if (env.IsResolved)
            {
                runner.SetLaunch(BuildLaunch(container, env.Variables));
                return true;
            }
            runner.SetWaiting("CreateContainerConfigError", env.Error);
            await Task.Delay(ConfigRetryDelay, life);
        }
    }

    private ContainerLaunch BuildLaunch(ContainerModel container, IReadOnlyList<KeyValuePair<string, string>> variables)
    {
        var environment = new List<KeyValuePair<string, string>>
        {
            new("PATH", Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin"),
            new("HOSTNAME", _ref.Name),
            new("HOME", _sandbox),
        };
        environment.RemoveAll(e => variables.Any(v => v.Key == e.Key));
        environment.AddRange(variables);
        var known = variables.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var words = container.Command.Concat(container.Args).Select(w => VariableExpander.Expand(w, known)).ToArray();
        var workingDirectory = !string.IsNullOrEmpty(container.WorkingDir) && Directory.Exists(container.WorkingDir) ? container.WorkingDir : _sandbox;
        return new ContainerLaunch(words[0], words[1..], environment, workingDirectory, container.MemoryLimitBytes);
    }

    /// <summary>
    /// The API refuses such names (validation); a pod from elsewhere (an older server, a direct store write) must still
    /// not choose where the agent writes: a name like "../x" would put logs outside the sandbox.
    /// </summary>
    private static void CheckPathNames(PodRef pod, PodSpecModel spec)
    {
        var named = new[] { ("metadata.namespace", pod.Namespace), ("metadata.name", pod.Name) }
            .Concat(spec.InitContainers.Select((c, i) => ($"spec.initContainers[{i}].name", c.Name)))
            .Concat(spec.Containers.Select((c, i) => ($"spec.containers[{i}].name", c.Name)));
        foreach (var (field, value) in named)
        {
            if (!NameValidation.IsDns1123Label(value) && !(field == "metadata.name" && NameValidation.Dns1123Subdomain(value).Count == 0))
                throw new InvalidDataException($"Pod {pod.Namespace}/{pod.Name}: {field} '{value}' is not a DNS-1123 label; the process runtime does not run it.");
        }
        if (pod.Uid.Contains('/', StringComparison.Ordinal) || pod.Uid.Contains("..", StringComparison.Ordinal))
            throw new InvalidDataException($"Pod {pod.Namespace}/{pod.Name}: metadata.uid '{pod.Uid}' cannot name a directory; the process runtime does not run it.");
    }
}
