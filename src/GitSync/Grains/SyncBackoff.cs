namespace GitOps.GitSync.Grains;

/// <summary>
/// How long a failing source waits before its next attempt: one poll interval after the first failure, doubled
/// after each further one, capped at <see cref="Options.GitOpsOptions.RetryMaxDelay"/> (never below the poll
/// interval), and spread by ±20 % so sources that failed together (an unreachable Git host) do not retry together.
/// </summary>
internal static class SyncBackoff
{
    /// <summary>Triggers that wait out the backoff; every other (webhook, API, configuration) runs at once and resets it.</summary>
    public static bool Waits(string trigger) => trigger is "poll" or "drift";

    /// <param name="failures">Failed runs in a row, at least 1.</param>
    /// <param name="random">A number in [0, 1) that picks the jitter.</param>
    public static TimeSpan Delay(TimeSpan pollInterval, TimeSpan maxDelay, int failures, double random)
    {
        var doubled = pollInterval.TotalSeconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var seconds = Math.Max(pollInterval.TotalSeconds, Math.Min(maxDelay.TotalSeconds, doubled));
        return TimeSpan.FromSeconds(seconds * (0.8 + 0.4 * random));
    }
}
