namespace GitOps.NodeAgent.Processes;

/// <summary>Settings of the process runtime: where pods' files and logs go, and the kubelet's restart back-off.</summary>
public sealed record ProcessRuntimeOptions
{
    public static readonly TimeSpan DefaultRestartBackoff = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultMaxRestartBackoff = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultBackoffResetAfter = TimeSpan.FromMinutes(10);
    public const string DefaultProbeHost = "127.0.0.1";

    /// <summary>Each pod gets <c>{WorkDirectory}/pods/{namespace}_{name}_{uid}</c> with a log file per container run.</summary>
    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "gitops-node-agent");

    /// <summary>The delay before the second restart of a failing container; it doubles per restart (kubelet: 10 s).</summary>
    public TimeSpan RestartBackoff { get; init; } = DefaultRestartBackoff;

    /// <summary>The longest restart delay (kubelet: 5 min).</summary>
    public TimeSpan MaxRestartBackoff { get; init; } = DefaultMaxRestartBackoff;

    /// <summary>A container that ran this long before exiting starts its back-off afresh (kubelet: 10 min).</summary>
    public TimeSpan BackoffResetAfter { get; init; } = DefaultBackoffResetAfter;

    /// <summary>Where HTTP and TCP probes connect when the probe names no host (pods share the host's network).</summary>
    public string ProbeHost { get; init; } = DefaultProbeHost;

    /// <summary>The user containers run as when the agent runs as root (default nobody); unset otherwise.</summary>
    public string? RunAsUser { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(WorkDirectory))
            errors.Add("--work-dir must name a directory for pod files and container logs.");
        if (RestartBackoff <= TimeSpan.Zero || MaxRestartBackoff < RestartBackoff)
            errors.Add($"--restart-backoff ({RestartBackoff}) must be positive and at most the maximum back-off ({MaxRestartBackoff}).");
        if (BackoffResetAfter <= TimeSpan.Zero)
            errors.Add($"The back-off reset period ({BackoffResetAfter}) must be positive.");
        if (ContainerIsolation.ResolveUser(RunAsUser).Error is { } userError)
            errors.Add(userError);
        if (ProcessTools.Find().Error is { } toolsError)
            errors.Add(toolsError);
        return errors;
    }
}
