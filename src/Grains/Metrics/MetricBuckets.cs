namespace GitOps.Grains.Metrics;

/// <summary>Common histogram bounds.</summary>
public static class MetricBuckets
{
    /// <summary>Latencies from 1 ms to 10 s, in seconds.</summary>
    public static IReadOnlyList<double> LatencySeconds { get; } = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Longer operations (sync runs, rollouts) from 10 ms to 5 min, in seconds.</summary>
    public static IReadOnlyList<double> LongSeconds { get; } = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
}
