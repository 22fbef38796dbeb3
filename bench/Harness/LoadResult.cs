namespace GitOps.Bench.Harness;

/// <summary>Operations completed in a timed run, with the wall-clock and CPU time it took.</summary>
public sealed record LoadResult(long Operations, TimeSpan Elapsed, TimeSpan CpuTime)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public double PerCpuSecond => CpuTime > TimeSpan.Zero ? Operations / CpuTime.TotalSeconds : 0;

    /// <summary>Share of the machine's cores this process used during the run.</summary>
    public double CoresUsed => CpuTime.TotalSeconds / Elapsed.TotalSeconds;
}
