using System.Diagnostics;

namespace GitOps.Bench.Harness;

/// <summary>Runs concurrent caller loops for a fixed time and counts completed operations.</summary>
public static class CallerLoad
{
    /// <summary>
    /// Starts <paramref name="callers"/> loops on the thread pool; each calls <paramref name="operation"/>
    /// (with its caller index and iteration) until the duration ends. Returns operations per second.
    /// </summary>
    public static async Task<LoadResult> RunAsync(int callers, TimeSpan duration, Func<int, long, ValueTask<int>> operation, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var counts = new long[callers];
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            long done = 0;
            while (!stop.IsCancellationRequested)
                done += await operation(caller, done).ConfigureAwait(false);
            counts[caller] = done;
        })).ToArray();
        stop.CancelAfter(duration);
        await Task.WhenAll(loops).ConfigureAwait(false);
        var elapsed = stopwatch.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        return new LoadResult(counts.Sum(), elapsed, cpu);
    }
}
