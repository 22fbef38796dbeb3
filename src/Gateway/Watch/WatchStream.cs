using System.Globalization;
using GitOps.Gateway.Errors;
using GitOps.Gateway.Hosting;
using GitOps.Gateway.Limits;
using GitOps.Gateway.Logging;
using GitOps.Gateway.Metrics;
using GitOps.Gateway.Registry;
using GitOps.Gateway.Tables;
using GitOps.Grains.Informers;
using GitOps.Model.Selectors;
using GitOps.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Watch;

/// <summary>What one watch request asks for.</summary>
internal sealed record WatchRequest(
    ApiResource Resource,
    string? Namespace,
    LabelSelector Labels,
    FieldSelector Fields,
    string? ResourceVersion,
    bool AllowBookmarks,
    int? TimeoutSeconds,
    IncludeObject? Table);

/// <summary>
/// Serves one watch: a 200 response of newline-delimited events, chunked. Without a
/// resourceVersion (or with "0") it starts with a synthetic ADDED per current object, listed
/// from the store, then sends the changes after that list; with a resourceVersion it sends exactly
/// the changes after it, from the watch cache (or, for versions older than the cache, from the
/// store's change log). A compacted version ends the stream with one ERROR event (410 Expired).
/// </summary>
public sealed class WatchStream(
    WatchCache cache,
    SharedInformerFactory informers,
    IResourceStore store,
    GatewayMetrics metrics,
    IOptions<GatewayOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<WatchStream> logger)
{
    private const int ListPageSize = 500;
    private readonly GatewayOptions _options = options.Value;
    private int _open;

    internal async Task RunAsync(HttpContext httpContext, WatchRequest request)
    {
        // Each watch holds a queue of up to WatcherBufferSize events and a connection: their number is bounded,
        // and one more is refused before the stream starts, so the client retries later or on another silo.
        if (Interlocked.Increment(ref _open) > _options.MaxWatchers)
        {
            Interlocked.Decrement(ref _open);
            const string setting = $"{GatewayOptions.SectionName}:{nameof(GatewayOptions.MaxWatchers)}";
            await TooManyRequestsResponse.WriteAsync(httpContext, metrics, setting,
                $"too many watches open on this silo (limit {_options.MaxWatchers}, setting {setting}); retry after {TooManyRequestsResponse.RetryAfterSeconds} s");
            return;
        }
        try
        {
            await ServeAsync(httpContext, request);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    private async Task ServeAsync(HttpContext httpContext, WatchRequest request)
    {
        var seconds = Math.Min(request.TimeoutSeconds ?? _options.MaxWatchTimeoutSeconds, _options.MaxWatchTimeoutSeconds);
        // Shutting down ends every watch, as the apiserver's does: clients re-watch elsewhere or later,
        // and the server does not wait out the watches' timeouts before it stops.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, lifetime.ApplicationStopping);
        deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
        var cancellationToken = deadline.Token;

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-cache, private";
        await response.StartAsync(cancellationToken);
        var writer = new WatchEventWriter(response.BodyWriter, request.Table);
        var filter = new WatchFilter(request.Labels, request.Fields);
        try
        {
            await StreamAsync(request, writer, filter, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The timeout passed, the client left or the server is stopping: the stream simply ends, as the apiserver's does.
        }
    }

    private async Task StreamAsync(WatchRequest request, WatchEventWriter writer, WatchFilter filter, CancellationToken cancellationToken)
    {
        var type = request.Resource.Type;
        long after;
        if (request.ResourceVersion is null or "0")
        {
            var listed = await SendCurrentObjectsAsync(request, writer, filter, cancellationToken);
            if (listed is null)
                return;
            after = listed.Value;
        }
        else
        {
            after = long.Parse(request.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        using var subscription = await cache.SubscribeAsync(type, request.Namespace, after, cancellationToken);
        var lastSent = after;
        if (subscription.CatchUpUntil is { } until && until > after)
        {
            var caughtUp = await CatchUpFromStoreAsync(request, writer, filter, after, until, cancellationToken);
            if (caughtUp is null)
                return;
            lastSent = caughtUp.Value;
        }
        foreach (var cached in subscription.Backlog)
            lastSent = Emit(writer, filter, cached);
        await writer.FlushAsync(cancellationToken);

        var bookmarkEvery = TimeSpan.FromSeconds(_options.BookmarkIntervalSeconds);
        var nextBookmark = DateTime.UtcNow + bookmarkEvery;
        var reader = subscription.Reader;
        Task<bool>? pending = null;
        Task? bookmarkDue = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var drained = false;
            while (reader.TryRead(out var cached))
            {
                lastSent = Math.Max(lastSent, Emit(writer, filter, cached));
                drained = true;
            }
            if (drained)
                await writer.FlushAsync(cancellationToken);

            var head = cache.Head;
            if (request.AllowBookmarks && DateTime.UtcNow >= nextBookmark && !reader.TryPeek(out _))
            {
                writer.WriteBookmark(request.Resource.ApiVersion, request.Resource.Kind, Math.Max(lastSent, head));
                metrics.WatchEvents.Increment("BOOKMARK");
                await writer.FlushAsync(cancellationToken);
                nextBookmark = DateTime.UtcNow + bookmarkEvery;
            }

            pending ??= reader.WaitToReadAsync(cancellationToken).AsTask();
            if (request.AllowBookmarks)
            {
                var wait = nextBookmark - DateTime.UtcNow;
                bookmarkDue ??= Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, cancellationToken);
                if (await Task.WhenAny(pending, bookmarkDue) != pending)
                {
                    bookmarkDue = null;
                    continue;
                }
            }
            var more = await pending;
            pending = null;
            if (more)
                continue;

            while (reader.TryRead(out var remaining))
                Emit(writer, filter, remaining);
            if (subscription.Overflowed)
            {
                GatewayLog.WatcherTooSlow(logger, request.Resource.Kind, _options.WatcherBufferSize);
                metrics.WatchersClosedSlow.Increment();
                writer.WriteError(KubeStatus.Expired(
                    $"the watch fell more than {_options.WatcherBufferSize} events behind (setting Gateway:WatcherBufferSize) and was closed; list again and watch from the new resourceVersion"));
            }
            else if (subscription.Expired)
            {
                writer.WriteError(KubeStatus.Expired("the change log was compacted past this watch; list again and watch from the new resourceVersion"));
            }
            await writer.FlushAsync(cancellationToken);
            return;
        }
    }

    // Lists the current objects (paged, one consistent snapshot) as ADDED events; null when the
    // snapshot expired while paging, after an ERROR event was sent.
    private async Task<long?> SendCurrentObjectsAsync(WatchRequest request, WatchEventWriter writer, WatchFilter filter, CancellationToken cancellationToken)
    {
        string? continueToken = null;
        long snapshot = 0;
        do
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var page = await store.ListAsync(
                new ListQuery(request.Resource.Type, request.Namespace, request.Labels, request.Fields, ListPageSize, continueToken), cancellationToken);
            metrics.StorageDuration.Observe(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, "list");
            if (page.Expired || page.InvalidContinue)
            {
                writer.WriteError(KubeStatus.Expired("the list behind this watch expired while it was read; watch again"));
                await writer.FlushAsync(cancellationToken);
                return null;
            }
            snapshot = page.ResourceVersion;
            foreach (var item in page.Items)
            {
                filter.MarkSent(Model.Objects.ResourceKey.Of(item));
                writer.Write("ADDED", item, null);
                metrics.WatchEvents.Increment("ADDED");
            }
            await writer.FlushAsync(cancellationToken);
            continueToken = page.Continue;
        }
        while (continueToken is not null);
        return snapshot;
    }

    // Reads (after, until] from the store's change log for a watch older than the cache's ring;
    // null when that part of the log was compacted, after the 410 ERROR event was sent.
    private async Task<long?> CatchUpFromStoreAsync(WatchRequest request, WatchEventWriter writer, WatchFilter filter, long after, long until, CancellationToken cancellationToken)
    {
        var from = after;
        while (from < until)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var batch = await informers.ReadHistoryAsync(from, _options.ChangeReadBatchSize, cancellationToken);
            metrics.StorageDuration.Observe(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, "read_changes");
            if (batch.Expired)
            {
                writer.WriteError(KubeStatus.Expired(
                    $"too old resource version: {after} (the oldest available is {batch.OldestAvailable}); list again and watch from the new resourceVersion"));
                await writer.FlushAsync(cancellationToken);
                return null;
            }
            if (batch.Events.Count == 0)
                break;
            foreach (var change in batch.Events)
            {
                if (change.ResourceVersion > until)
                    break;
                if (change.Key.Type == request.Resource.Type && (request.Namespace is null || change.Key.Namespace == request.Namespace))
                    Emit(writer, filter, new CachedEvent(change, null));
            }
            from = batch.Events[^1].ResourceVersion;
            await writer.FlushAsync(cancellationToken);
        }
        return until;
    }

    private long Emit(WatchEventWriter writer, WatchFilter filter, CachedEvent cached)
    {
        if (filter.Decide(cached) is { } type)
        {
            writer.Write(type, cached.Change.Object, cached.ObjectJson);
            metrics.WatchEvents.Increment(type);
        }
        return cached.ResourceVersion;
    }
}
