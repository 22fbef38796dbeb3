namespace GitOps.NodeAgent.Client;

/// <summary>
/// Capped exponential back-off with full jitter: attempt n waits a random time in
/// [delay/2, delay] where delay = min(initial * 2^n, max), so many clients retrying together spread out.
/// </summary>
public sealed record Backoff(TimeSpan Initial, TimeSpan Max)
{
    public TimeSpan DelayFor(int attempt)
    {
        var exponent = Math.Min(Math.Max(attempt, 0), 30);
        var capped = Math.Min(Initial.TotalMilliseconds * Math.Pow(2, exponent), Max.TotalMilliseconds);
        var jittered = capped / 2 + Random.Shared.NextDouble() * capped / 2;
        return TimeSpan.FromMilliseconds(jittered);
    }
}
