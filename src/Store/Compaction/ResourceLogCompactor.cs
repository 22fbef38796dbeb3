using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Store.Compaction;

/// <summary>
/// Compacts the change log on an interval so it stays bounded. Every silo may run one: compaction
/// is idempotent, and concurrent runs only repeat each other's work.
/// </summary>
internal sealed partial class ResourceLogCompactor(
    IResourceStore store,
    IOptions<ResourceLogCompactionOptions> options,
    ILogger<ResourceLogCompactor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
            return;
        using var timer = new PeriodicTimer(settings.Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await CompactOnceAsync(settings, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task CompactOnceAsync(ResourceLogCompactionOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            var compacted = await store.CompactAsync(settings.Retention, settings.KeepLatest, stoppingToken);
            if (compacted > 0)
                Compacted(logger, compacted, await store.GetCurrentResourceVersionAsync(stoppingToken));
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            CompactionFailed(logger, settings.Interval, e);
        }
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Debug, Message = "Compacted {EventCount} change events; the store is at resourceVersion {ResourceVersion}")]
    private static partial void Compacted(ILogger logger, long eventCount, long resourceVersion);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Compacting the change log failed; retrying in {Interval}")]
    private static partial void CompactionFailed(ILogger logger, TimeSpan interval, Exception exception);
}
