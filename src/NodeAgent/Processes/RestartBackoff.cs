namespace GitOps.NodeAgent.Processes;

/// <summary>
/// The kubelet's crash-loop back-off for one container: the first restart is immediate, then
/// the delay starts at the base and doubles up to the maximum; a run longer than the reset
/// period starts over.
/// </summary>
internal sealed class RestartBackoff(ProcessRuntimeOptions options)
{
    private TimeSpan _next = TimeSpan.Zero;

    /// <summary>The delay before restarting a container that ran for <paramref name="ranFor"/>.</summary>
    public TimeSpan Next(TimeSpan ranFor)
    {
        if (ranFor >= options.BackoffResetAfter)
            _next = TimeSpan.Zero;
        var delay = _next;
        _next = _next == TimeSpan.Zero
            ? options.RestartBackoff
            : _next * 2 < options.MaxRestartBackoff ? _next * 2 : options.MaxRestartBackoff;
        return delay;
    }
}
