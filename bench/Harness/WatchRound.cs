using System.Collections.Concurrent;
using System.Diagnostics;

namespace GitOps.Bench.Harness;

/// <summary>
/// One round of writes to many watchers, timed from each write's start to each watcher's receipt. Writes go
/// 100 ms apart and are numbered; watchers report the number they received. The first writes are not
/// measured: they bring the server's delivery path to its steady state, and the round waits until the server
/// process is quiet (.NET compiles hot methods again, optimized, on a background thread once they have run a
/// few dozen times: seconds of CPU after a silo's first deliveries), as etcd, compiled ahead of time, already
/// is. The server process's CPU time over the measured writes is reported per write.
/// </summary>
public sealed class WatchRound(int watchers, int warmup, int changes, int serverProcessId)
{
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan QuietSample = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan QuietTimeout = TimeSpan.FromSeconds(60);

    // A tenth of one core: an idle silo uses a few hundredths (its timers and membership), one still compiling most of one.
    private const double QuietCores = 0.1;
    private readonly long[] _sent = new long[warmup + changes];
    private readonly ConcurrentBag<double> _latencies = [];
    private long _warmupDeliveries;
    private long _measuredDeliveries;

    /// <summary>A watcher received write <paramref name="index"/> at <paramref name="timestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void Received(int index, long timestamp)
    {
        if (index < warmup)
        {
            Interlocked.Increment(ref _warmupDeliveries);
            return;
        }
        _latencies.Add(Stopwatch.GetElapsedTime(Volatile.Read(ref _sent[index]), timestamp).TotalMilliseconds);
        Interlocked.Increment(ref _measuredDeliveries);
    }

    public async Task<WatchRoundResult> RunAsync(Func<int, Task> write, CancellationToken cancellationToken)
    {
        await WriteSpacedAsync(0, warmup, write, cancellationToken);
        await WaitForAsync(() => Interlocked.Read(ref _warmupDeliveries) >= (long)watchers * warmup, cancellationToken);
        using var server = Process.GetProcessById(serverProcessId);
        await WaitUntilQuietAsync(server, cancellationToken);
        var cpuBefore = server.TotalProcessorTime;
        await WriteSpacedAsync(warmup, warmup + changes, write, cancellationToken);
        await WaitForAsync(() => Interlocked.Read(ref _measuredDeliveries) >= (long)watchers * changes, cancellationToken);
        server.Refresh();
        var cpuPerWrite = (server.TotalProcessorTime - cpuBefore).TotalMilliseconds / changes;
        var latencies = _latencies.ToList();
        return new WatchRoundResult(Scenarios.GatewayScenario.Percentile(latencies, 0.50), Scenarios.GatewayScenario.Percentile(latencies, 0.99), Interlocked.Read(ref _measuredDeliveries), cpuPerWrite);
    }

    // Two samples in a row under QuietCores; a server that never quiets is measured anyway, after QuietTimeout.
    private static async Task WaitUntilQuietAsync(Process server, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + QuietTimeout;
        var quietSamples = 0;
        while (quietSamples < 2 && DateTime.UtcNow < deadline)
        {
            server.Refresh();
            var before = server.TotalProcessorTime;
            await Task.Delay(QuietSample, cancellationToken);
            server.Refresh();
            quietSamples = (server.TotalProcessorTime - before) / QuietSample < QuietCores ? quietSamples + 1 : 0;
        }
    }

    private async Task WriteSpacedAsync(int from, int to, Func<int, Task> write, CancellationToken cancellationToken)
    {
        for (var i = from; i < to; i++)
        {
            Volatile.Write(ref _sent[i], Stopwatch.GetTimestamp());
            await write(i);
            await Task.Delay(Spacing, cancellationToken);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(50, cancellationToken);
    }
}

/// <summary>Write-to-receipt latency percentiles in milliseconds, measured deliveries, and the server's CPU milliseconds per write.</summary>
public sealed record WatchRoundResult(double P50, double P99, long Delivered, double ServerCpuPerWrite);
