using GitOps.Grains.Metrics;
using GitOps.GitSync.Grains;
using GitOps.GitSync.Logging;
using Microsoft.Extensions.Logging;

namespace GitOps.GitSync.Sync;

/// <summary>
/// Runs syncs in the background, outside any grain turn, at most <see cref="Options.GitOpsOptions.MaxConcurrentSyncs"/>
/// at once (<see cref="SyncSlots"/>), and reports each outcome back to its source grain. Stopping the silo cancels
/// the runs in progress and those waiting for a slot.
/// </summary>
public sealed class SyncRunner(SourceSyncer syncer, SyncSlots slots, TimeProvider time, ILogger<SyncRunner> logger, IMetrics? metrics = null) : IAsyncDisposable
{
    private readonly IMetricCounter? _runs = metrics?.Counter(
        "gitops_sync_runs_total", "Sync runs finished, by source and result.", "source", "result");

    private readonly IMetricHistogram? _duration = metrics?.Histogram(
        "gitops_sync_duration_seconds", "Time from a sync's start to its end, by source and result.", MetricBuckets.LongSeconds, "source", "result");

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];

    public void Start(SyncRequest request, IGitSourceGrain source)
    {
        var run = Task.Run(() => RunAsync(request, source));
        lock (_lock)
            _running.Add(run);
        run.ContinueWith(t =>
        {
            lock (_lock)
                _running.Remove(t);
        }, TaskScheduler.Default);
    }

    private async Task RunAsync(SyncRequest request, IGitSourceGrain source)
    {
        SyncOutcome outcome;
        try
        {
            await slots.EnterAsync(request.Spec.Name, _stopping.Token);
            try
            {
                outcome = await syncer.SyncAsync(request, _stopping.Token);
            }
            finally
            {
                slots.Leave();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception)
        {
            Log.SyncCrashed(logger, request.Spec.Name, exception);
            var now = time.GetUtcNow();
            outcome = new SyncOutcome(
                new SyncRunRecord(request.RunNumber, request.Trigger, null, null, null, now, now, SyncRunResult.Failed,
                    0, 0, 0, 0, 0, 0, [], $"The sync stopped unexpectedly: {exception.Message}. It is retried at the next poll."),
                null, null, null, null, []);
        }
        var result = outcome.Run.Result.ToString();
        _runs?.Increment(request.Spec.Name, result);
        _duration?.Observe(outcome.Run.DurationMs / 1000, request.Spec.Name, result);
        try
        {
            // The run's writes are committed; the record of them is delivered even while stopping.
            await source.CompleteSyncAsync(outcome, CancellationToken.None);
        }
        catch (Exception exception)
        {
            Log.CompletionFailed(logger, request.Spec.Name, exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task[] running;
        lock (_lock)
            running = _running.ToArray();
        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }
}
