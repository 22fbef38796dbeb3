namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>
/// Capped exponential backoff with jitter ("equal jitter"): attempt n waits between half and all of
/// min(max, base * 2^(n-1)). How to use: <c>RetryBackoff.Delay(failures, baseDelay, maxDelay)</c>.
/// </summary>
public static class RetryBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, Random? random = null)
    {
        if (attempt < 1)
            return TimeSpan.Zero;
        var exponent = Math.Min(attempt - 1, 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        var jitter = 0.5 + (random ?? Random.Shared).NextDouble() * 0.5;
        return TimeSpan.FromMilliseconds(ceiling * jitter);
    }
}
