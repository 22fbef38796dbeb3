using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Objects;
using GitOps.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Informers;

/// <summary>
/// The silo's one reader of the store's change log, behind the <see cref="SharedInformerFactory"/>. It starts
/// at the oldest retained event (so stream handlers see the retained history), lists each kind when its
/// informer is first requested, and applies every batch to the informers and the stream. One retry policy:
/// a failed read waits with capped exponential backoff and jitter (<see cref="RetryBackoff"/>). One relist
/// policy: when the log has been compacted past its cursor (Expired) it relists every informer that may have
/// missed events (deletions and changes reach the handlers) and continues from the oldest retained event.
/// </summary>
public sealed class ChangeLogFollower(
    IResourceStore store,
    SharedInformerFactory factory,
    IOptions<InformerOptions> options,
    ILogger<ChangeLogFollower> logger) : BackgroundService
{
    private const int ListAttempts = 3;

    private readonly InformerOptions _options = options.Value;

    // Kept across a stop and a start of the service, so a restarted follower goes on where it stopped.
    private long _cursor;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListNewKindsAsync(stoppingToken);
                await ReadOnceAsync(stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var delay = RetryBackoff.Delay(failures, _options.RetryBaseDelay, _options.RetryMaxDelay);
                InformerLog.ReadFailed(logger, _cursor, failures, delay, e);
                factory.ReadFailed(_cursor, e);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Reads and delivers one batch, or waits for a change or a newly requested kind.</summary>
    private async Task ReadOnceAsync(CancellationToken cancellationToken)
    {
        var batch = await store.ReadChangesAsync(_cursor, _options.BatchSize, cancellationToken);
        if (batch.Expired)
        {
            _cursor = await RecoverAsync(_cursor, batch.OldestAvailable, cancellationToken);
            return;
        }
        if (batch.Events.Count > 0)
        {
            var unknown = factory.Deliver(batch.Events);
            if (factory.InformsEveryKind)
            {
                foreach (var type in unknown)
                    factory.For(type);
            }
            _cursor = batch.Events[^1].ResourceVersion;
        }
        if (batch.Events.Count == _options.BatchSize)
            return;
        factory.CaughtUp(_cursor);
        var requested = factory.KindRequested;
        if (factory.Informers.Any(i => !i.HasSynced))
            return;
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var changed = store.WaitForChangesAsync(_cursor, stopWaiting.Token);
        await Task.WhenAny(changed, requested);
        await stopWaiting.CancelAsync();
        await changed.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// The log lost events after <paramref name="cursor"/>: informers listed before the oldest retained event
    /// are relisted, stream handlers are told, and reading goes on from the oldest retained event.
    /// </summary>
    private async Task<long> RecoverAsync(long cursor, long oldestAvailable, CancellationToken cancellationToken)
    {
        var resumeAfter = Math.Max(cursor, oldestAvailable - 1);
        var stale = factory.Informers.Where(i => i.HasSynced && i.ResourceVersion < resumeAfter).ToArray();
        if (cursor > 0)
            InformerLog.Expired(logger, cursor, stale.Length);
        factory.Expired(cursor, oldestAvailable);
        foreach (var informer in stale)
            await ListAsync(informer, cancellationToken);
        factory.Advance(resumeAfter);
        return resumeAfter;
    }

    private async Task ListNewKindsAsync(CancellationToken cancellationToken)
    {
        foreach (var informer in factory.Informers.Where(i => !i.HasSynced))
        {
            await ListAsync(informer, cancellationToken);
            factory.SignalProgress();
        }
    }

    private async Task ListAsync(Informer informer, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var items = new List<KubeObject>();
            string? next = null;
            long snapshot = 0;
            var expired = false;
            do
            {
                var page = await store.ListAsync(new ListQuery(informer.Type, Limit: _options.ListPageSize, Continue: next), cancellationToken);
                if (page.Expired || page.InvalidContinue)
                {
                    expired = true;
                    break;
                }
                if (next is null)
                    snapshot = page.ResourceVersion;
                items.AddRange(page.Items);
                next = page.Continue;
            }
            while (next is not null);
            if (expired && attempt < ListAttempts)
                continue;
            if (expired)
                throw new InvalidOperationException(
                    $"Listing {informer.Type} kept expiring after {ListAttempts} attempts: the change log is compacted faster than a list completes; keep the change log longer.");
            foreach (var obj in items)
                JsonTrees.Materialize(obj);
            informer.Replace(items, snapshot);
            InformerLog.Listed(logger, informer.Type.ToString(), items.Count, snapshot);
            return;
        }
    }
}
