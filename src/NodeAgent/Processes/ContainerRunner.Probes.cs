using GitOps.NodeAgent.Pods.Spec;

namespace GitOps.NodeAgent.Processes;

/// <summary>The probes of one container run: startup first, then liveness and readiness side by side.</summary>
internal sealed partial class ContainerRunner
{
    private async Task RunProbesAsync(ContainerProcess process, ContainerLaunch launch, CancellationToken cancellationToken)
    {
        try
        {
            if (_spec.StartupProbe is { } startup)
            {
                var passed = await ProbeAsync(startup, launch, stopAt: null, cancellationToken);
                if (!passed)
                {
                    await KillForFailedProbeAsync(process, cancellationToken);
                    return;
                }
                lock (_lock)
                {
                    _started = true;
                    _ready = _spec.ReadinessProbe is null && _state.IsRunning;
                }
                _changed();
            }
            var loops = new List<Task>();
            if (_spec.LivenessProbe is { } liveness)
                loops.Add(LivenessAsync(liveness, process, launch, cancellationToken));
            if (_spec.ReadinessProbe is { } readiness)
                loops.Add(ProbeAsync(readiness, launch, SetReady, cancellationToken));
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task LivenessAsync(ProbeModel probe, ContainerProcess process, ContainerLaunch launch, CancellationToken cancellationToken)
    {
        if (!await ProbeAsync(probe, launch, stopAt: null, cancellationToken, stopOnSuccess: false))
            await KillForFailedProbeAsync(process, cancellationToken);
    }

    private void SetReady(bool ready)
    {
        lock (_lock)
        {
            if (_ready == ready || !_state.IsRunning)
                return;
            _ready = ready;
        }
        _changed();
    }

    /// <summary>
    /// Probes every period after the initial delay. With <paramref name="stopAt"/> null, returns
    /// true at the success threshold (when <paramref name="stopOnSuccess"/>) and false at the failure
    /// threshold; otherwise reports each change of result to <paramref name="stopAt"/> until cancelled.
    /// </summary>
    private async Task<bool> ProbeAsync(ProbeModel probe, ContainerLaunch launch, Action<bool>? stopAt, CancellationToken cancellationToken, bool stopOnSuccess = true)
    {
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, probe.InitialDelaySeconds)), cancellationToken);
        var successes = 0;
        var failures = 0;
        var period = TimeSpan.FromSeconds(Math.Max(1, probe.PeriodSeconds));
        var timeout = TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds));
        while (true)
        {
            var ok = await _probes.RunAsync(probe.Exec, probe.HttpGet, probe.TcpSocket, _spec, launch, timeout, cancellationToken);
            if (ok)
            {
                failures = 0;
                if (++successes >= Math.Max(1, probe.SuccessThreshold))
                {
                    if (stopAt is not null)
                        stopAt(true);
                    else if (stopOnSuccess)
                        return true;
                }
            }
            else
            {
                successes = 0;
                if (++failures >= Math.Max(1, probe.FailureThreshold))
                {
                    if (stopAt is null)
                        return false;
                    stopAt(false);
                }
            }
            await Task.Delay(period, cancellationToken);
        }
    }

    /// <summary>A failed liveness or startup probe: stop the process (SIGTERM, then SIGKILL); the restart policy decides what follows.</summary>
    private async Task KillForFailedProbeAsync(ContainerProcess process, CancellationToken cancellationToken)
    {
        lock (_lock)
            _ready = false;
        _changed();
        await TerminateAsync(process, _livenessKillGrace, cancellationToken);
    }
}
