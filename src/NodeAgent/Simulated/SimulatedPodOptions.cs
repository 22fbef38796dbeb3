namespace GitOps.NodeAgent.Simulated;

/// <summary>How simulated pods behave: start delay, share that crash, and the crash-loop back-off.</summary>
public sealed record SimulatedPodOptions
{
    public static readonly TimeSpan DefaultStartDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultCrashAfter = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultCompleteAfter = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultStopDelay = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan DefaultRestartBackoff = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultMaxRestartBackoff = TimeSpan.FromMinutes(5);

    /// <summary>Time from a pod landing on a node to Running.</summary>
    public TimeSpan StartDelay { get; init; } = DefaultStartDelay;

    /// <summary>Share of pods (0 to 100 percent) whose containers crash after <see cref="CrashAfter"/>, again after each restart.</summary>
    public double FailurePercent { get; init; }

    /// <summary>How long a crashing pod's containers run before exiting with code 1.</summary>
    public TimeSpan CrashAfter { get; init; } = DefaultCrashAfter;

    /// <summary>
    /// How long the containers of a pod with restartPolicy Never or OnFailure (a Job's pod, a batch
    /// workload) run before exiting 0, so the pod Succeeds, as KWOK completes such pods.
    /// </summary>
    public TimeSpan CompleteAfter { get; init; } = DefaultCompleteAfter;

    /// <summary>How long stopping a pod's containers takes (bounded by the pod's grace period).</summary>
    public TimeSpan StopDelay { get; init; } = DefaultStopDelay;

    /// <summary>The first crash-loop back-off; it doubles per restart up to <see cref="MaxRestartBackoff"/> (kubelet: 10 s to 5 min).</summary>
    public TimeSpan RestartBackoff { get; init; } = DefaultRestartBackoff;

    public TimeSpan MaxRestartBackoff { get; init; } = DefaultMaxRestartBackoff;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (StartDelay < TimeSpan.Zero)
            errors.Add($"--start-delay is {StartDelay}; it cannot be negative.");
        if (FailurePercent is < 0 or > 100 || double.IsNaN(FailurePercent))
            errors.Add($"--failure-rate is {FailurePercent}; it must be a percentage from 0 to 100.");
        if (CrashAfter < TimeSpan.Zero)
            errors.Add($"--crash-after is {CrashAfter}; it cannot be negative.");
        if (CompleteAfter < TimeSpan.Zero)
            errors.Add($"--complete-after is {CompleteAfter}; it cannot be negative.");
        if (StopDelay < TimeSpan.Zero)
            errors.Add($"--stop-delay is {StopDelay}; it cannot be negative.");
        if (RestartBackoff <= TimeSpan.Zero || MaxRestartBackoff < RestartBackoff)
            errors.Add($"--restart-backoff ({RestartBackoff}) must be positive and at most the maximum back-off ({MaxRestartBackoff}).");
        return errors;
    }
}
