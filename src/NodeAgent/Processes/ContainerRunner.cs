using System.ComponentModel;
using GitOps.NodeAgent.Pods.Spec;
using GitOps.NodeAgent.Pods.Status;

namespace GitOps.NodeAgent.Processes;

/// <summary>
/// Runs one container of a pod as local processes, as the kubelet runs a container: starts it,
/// restarts it per the pod's restartPolicy with the crash-loop back-off, runs its startup,
/// liveness and readiness probes, and stops it gracefully (preStop hook, SIGTERM, SIGKILL after
/// the grace period). Reports every change through the callback; thread-safe. Its times
/// (startedAt, finishedAt, how long a run lasted) come from the clock it is given.
/// </summary>
internal sealed partial class ContainerRunner
{
    private readonly ContainerModel _spec;
    private readonly bool _isInit;
    private readonly string _restartPolicy;
    private readonly string _logDirectory;
    private readonly TimeSpan _livenessKillGrace;
    private readonly ProbeExecutor _probes;
    private readonly RestartBackoff _backoff;
    private readonly TimeProvider _time;
    private readonly ContainerIsolation _isolation;
    private readonly Action _changed;
    private readonly Lock _lock = new();
    private ContainerLaunch? _launch;
    private ContainerProcess? _process;
    private CancellationTokenSource? _runScope;
    private bool _stopRequested;
    private ContainerState _state;
    private ContainerState? _lastState;
    private int _restartCount;
    private bool _started;
    private bool _ready;
    private bool _finished;
    private bool _hasRun;
    private int? _lastExitCode;

    public ContainerRunner(ContainerModel spec, bool isInit, string restartPolicy, string logDirectory, TimeSpan livenessKillGrace, ProcessRuntimeOptions options,
        ContainerIsolation isolation, TimeProvider time, Action changed)
    {
        _isolation = isolation;
        _spec = spec;
        _isInit = isInit;
        _restartPolicy = restartPolicy;
        _logDirectory = logDirectory;
        _livenessKillGrace = livenessKillGrace;
        _probes = new ProbeExecutor(options.ProbeHost);
        _backoff = new RestartBackoff(options);
        _time = time;
        _changed = changed;
        _state = ContainerState.Waiting(isInit ? "PodInitializing" : "ContainerCreating");
    }

    public string Name => _spec.Name;

    public ContainerModel Spec => _spec;

    /// <summary>Terminated for good: no restart will follow.</summary>
    public bool IsFinished { get { lock (_lock) return _finished; } }

    /// <summary>Started at least once (or failed to start), so the pod is no longer Pending on its account.</summary>
    public bool HasRun { get { lock (_lock) return _hasRun; } }

    public int? LastExitCode { get { lock (_lock) return _lastExitCode; } }

    public ContainerStatusSnapshot Snapshot(string idPrefix)
    {
        lock (_lock)
        {
            return new ContainerStatusSnapshot(
                _spec.Name, _spec.Image, _ready, _restartCount, _state, _lastState, _started && _state.IsRunning,
                _hasRun ? $"process://{idPrefix}/{_spec.Name}/{_restartCount}" : null);
        }
    }

    /// <summary>Shows the container waiting, e.g. CreateContainerConfigError while a config map is missing.</summary>
    public void SetWaiting(string reason, string? message)
    {
        lock (_lock)
            _state = ContainerState.Waiting(reason, message);
        _changed();
    }

    public void SetLaunch(ContainerLaunch launch)
    {
        lock (_lock)
            _launch = launch;
    }

    /// <summary>
    /// Runs the container, restarting it as the restart policy says, until it has finished for
    /// good (returns its last exit code) or <paramref name="stop"/> is cancelled (returns null,
    /// leaving a running process to <see cref="StopAsync"/>).
    /// </summary>
    public async Task<int?> RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var run = Launch();
            if (run is null)
                return null;
            _changed();
            var (process, startedAt) = run.Value;
            int exitCode;
            if (process is null)
            {
                exitCode = LastExitCode ?? 128;
            }
            else
            {
                try
                {
                    exitCode = await process.Exited.WaitAsync(stop);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
                if (!RecordExit(process, exitCode, startedAt))
                    return exitCode;
            }
            var restart = _isInit
                ? exitCode != 0 && _restartPolicy != PodSpecModel.RestartNever
                : _restartPolicy == PodSpecModel.RestartAlways || (_restartPolicy == PodSpecModel.RestartOnFailure && exitCode != 0);
            if (!restart)
            {
                lock (_lock)
                    _finished = true;
                _changed();
                return exitCode;
            }
            var delay = _backoff.Next(_time.GetUtcNow() - startedAt);
            lock (_lock)
            {
                _lastState = _state;
                if (delay > TimeSpan.Zero)
                    _state = ContainerState.Waiting("CrashLoopBackOff", $"back-off {delay.TotalSeconds:0.#}s restarting failed container={_spec.Name}");
            }
            _changed();
            try
            {
                await Task.Delay(delay, stop);
            }
            catch (OperationCanceledException)
            {
                return exitCode;
            }
            lock (_lock)
                _restartCount++;
        }
        return null;
    }

    /// <summary>
    /// Stops the container within <paramref name="grace"/>: the preStop hook, then SIGTERM, then
    /// SIGKILL when the grace period is over. A container not running is just marked finished.
    /// </summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        ContainerProcess? process;
        ContainerLaunch? launch;
        lock (_lock)
        {
            _stopRequested = true;
            process = _process;
            launch = _launch;
            if (process is null)
                _finished = true;
        }
        if (process is null || launch is null)
            return;
        var stopping = _time.GetTimestamp();
        if (_spec.Lifecycle?.PreStop is { } hook && grace > TimeSpan.Zero)
            await _probes.RunAsync(hook.Exec, hook.HttpGet, null, _spec, launch, grace, cancellationToken);
        var exitCode = await TerminateAsync(process, grace - _time.GetElapsedTime(stopping), cancellationToken);
        lock (_lock)
        {
            _state = ContainerState.Terminated(exitCode, exitCode == 0 ? "Completed" : "Error", process.StartedAt, _time.GetUtcNow());
            _lastExitCode = exitCode;
            _ready = false;
            _finished = true;
            _process = null;
            _runScope?.Cancel();
        }
        process.Dispose();
        _changed();
    }

    /// <summary>Kills the running process at once (the agent is stopping or the pod object is gone).</summary>
    public void Kill()
    {
        lock (_lock)
        {
            _stopRequested = true;
            _process?.Kill();
            _runScope?.Cancel();
        }
    }

    /// <summary>Starts a run: the process (null when it could not start) and when; null when stopping.</summary>
    private (ContainerProcess? Process, DateTimeOffset StartedAt)? Launch()
    {
        lock (_lock)
        {
            if (_stopRequested || _launch is null)
                return null;
            _hasRun = true;
            var now = _time.GetUtcNow();
            try
            {
                var process = ContainerProcess.Start(_launch, Path.Combine(_logDirectory, $"{_restartCount}.log"), _spec.Name, _isolation, _time);
                _process = process;
                _state = ContainerState.Running(process.StartedAt);
                _started = _spec.StartupProbe is null;
                _ready = !_isInit && _started && _spec.ReadinessProbe is null;
                _runScope = new CancellationTokenSource();
                if (!_isInit)
                    _ = RunProbesAsync(process, _launch, _runScope.Token);
                return (process, process.StartedAt);
            }
            catch (Exception ex) when (ex is Win32Exception or IOException or UnauthorizedAccessException)
            {
                _state = ContainerState.Terminated(128, "StartError", now, now, $"failed to start {_launch.FileName}: {ex.Message}");
                _lastExitCode = 128;
                _ready = false;
                return (null, now);
            }
        }
    }

    /// <summary>Records a process's exit; false when a stop is under way (it records the state itself).</summary>
    private bool RecordExit(ContainerProcess process, int exitCode, DateTimeOffset startedAt)
    {
        lock (_lock)
        {
            _runScope?.Cancel();
            if (_stopRequested)
                return false;
            _process = null;
            _state = ContainerState.Terminated(exitCode, exitCode == 0 ? "Completed" : "Error", startedAt, _time.GetUtcNow());
            _lastExitCode = exitCode;
            _ready = false;
        }
        process.Dispose();
        return true;
    }

    private static async Task<int> TerminateAsync(ContainerProcess process, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (grace > TimeSpan.Zero && process.Terminate())
        {
            try
            {
                return await process.Exited.WaitAsync(grace, cancellationToken);
            }
            catch (TimeoutException)
            {
                // The grace period is over: kill, as the kubelet does.
            }
        }
        process.Kill();
        return await process.Exited.WaitAsync(cancellationToken);
    }
}
