using GitOps.NodeAgent.Logging;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Client;

/// <summary>
/// Keeps a handler in step with a collection, as client-go's reflector does: list, then watch
/// from the list's resourceVersion; when a stream ends, watch again from the last version seen;
/// when the server answers 410 Expired (as a response or an ERROR event), list again. Failures
/// are retried with capped exponential back-off and jitter, forever, until cancelled. When the
/// client has moved to another API server, the watch is not resumed there from a resourceVersion
/// of the old one: the client answers 410 and this lists again on the new server.
/// </summary>
public sealed class ListWatcher(KubeClient client, ResourcePath collection, ListOptions options, IWatchHandler handler, TimeProvider time, ILogger logger)
{
    private static readonly Backoff RetryBackoff = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(15));
    private const int WatchTimeoutSeconds = 300;

    /// <summary>Completes once the first list has been handed to the handler.</summary>
    public Task Synced => _synced.Task;

    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var list = await client.ListAsync(collection, options with { ResourceVersion = null }, cancellationToken);
                if (!list.IsSuccess)
                {
                    AgentLog.ListFailed(logger, collection.ToUrlPath(), list.Error?.ToString() ?? "");
                    await Task.Delay(RetryBackoff.DelayFor(failures++), cancellationToken);
                    continue;
                }
                await handler.ReplaceAsync(list.Items, cancellationToken);
                _synced.TrySetResult();
                failures = 0;
                await WatchUntilExpiredAsync(list.ResourceVersion, list.Server, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task WatchUntilExpiredAsync(string resourceVersion, Uri? listedOn, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var watchOptions = options with
            {
                ResourceVersion = resourceVersion,
                AllowWatchBookmarks = true,
                TimeoutSeconds = WatchTimeoutSeconds + Random.Shared.Next(0, 60),
            };
            var sawEvent = false;
            var started = time.GetTimestamp();
            await foreach (var watchEvent in client.WatchAsync(collection, watchOptions, listedOn, cancellationToken))
            {
                if (watchEvent.Type == WatchEventType.Error)
                {
                    var status = ApiStatus.From(0, watchEvent.Object.Root, "");
                    if (status.Code == 410)
                    {
                        AgentLog.WatchExpired(logger, collection.ToUrlPath(), resourceVersion, status.Message);
                        return;
                    }
                    AgentLog.WatchFailed(logger, collection.ToUrlPath(), status.ToString());
                    await Task.Delay(RetryBackoff.DelayFor(failures++), cancellationToken);
                    if (failures > 8)
                        return;
                    sawEvent = true;
                    break;
                }
                sawEvent = true;
                failures = 0;
                var version = watchEvent.Object.Metadata.ResourceVersion;
                if (!string.IsNullOrEmpty(version))
                    resourceVersion = version;
                if (watchEvent.Type != WatchEventType.Bookmark)
                    await handler.HandleAsync(watchEvent.Type, watchEvent.Object, cancellationToken);
            }
            if (!sawEvent && time.GetElapsedTime(started) < TimeSpan.FromSeconds(1))
            {
                // A stream that ends at once with nothing to say: do not spin on a server that closes immediately.
                await Task.Delay(RetryBackoff.DelayFor(failures++), cancellationToken);
            }
        }
    }
}
