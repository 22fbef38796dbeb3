using System.Threading.Channels;
using GitOps.GitSync.Drift;
using GitOps.GitSync.Grains;
using GitOps.GitSync.Logging;
using GitOps.GitSync.Status;
using GitOps.Grains.Informers;
using GitOps.Model.Objects;
using Orleans;
using GitOps.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.GitSync.Hosting;

/// <summary>
/// Handlers on the silo's shared informers that keep the dashboard counts current and, when an object a
/// source manages is changed or deleted by anyone but that source, flag it and trigger the source's sync at
/// once (self-heal, or OutOfSync when SelfHeal is off). The counted kinds (<see cref="ClusterSummary.CountedTypes"/>)
/// come from their informers (listed first, then each change, a relist after the change log expired included);
/// every other kind from the stream of every change, where lost events (log expired, read failures) make every
/// source compare everything once. Every silo runs one; each watches the objects of the sources whose grains are active on
/// it (<see cref="ManagedObjectIndex"/>).
/// </summary>
internal sealed class ChangeFeedListener(
    SharedInformerFactory informers,
    ManagedObjectIndex index,
    ClusterSummary summary,
    IGrainFactory grains,
    ILogger<ChangeFeedListener> logger) : BackgroundService, IChangeStreamHandler
{
    private static readonly HashSet<ResourceType> InformedTypes = [.. ClusterSummary.CountedTypes];

    private readonly Channel<string> _drifted = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var handler = new KindHandler(this);
        var registrations = new List<IDisposable> { informers.Follow(this) };
        registrations.AddRange(InformedTypes.Select(type => informers.For(type).AddHandler(handler)));
        try
        {
            await WaitUntilListedAsync(stoppingToken);
            index.SetWatching(true);
            await foreach (var source in _drifted.Reader.ReadAllAsync(stoppingToken))
                await TriggerAsync(source, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var registration in registrations)
                registration.Dispose();
        }
    }

    void IChangeStreamHandler.OnChanges(IReadOnlyList<StreamedChange> changes)
    {
        foreach (var (change, _) in changes)
        {
            if (!InformedTypes.Contains(change.Key.Type))
                Observe(change.Type, change.Key, change.Object, change.ResourceVersion);
        }
    }

    void IChangeStreamHandler.OnExpired(long after, long oldestAvailable)
    {
        // Events of kinds without an informer here were compacted away: every source compares everything once.
        if (after > 0)
            index.SetWatching(false);
    }

    void IChangeStreamHandler.OnCaughtUp(long resourceVersion)
    {
        if (!index.IsWatching && informers.HasCaughtUp && InformedTypes.All(t => informers.For(t).HasSynced))
            index.SetWatching(true);
    }

    void IChangeStreamHandler.OnReadFailed(long after, Exception exception)
    {
        index.SetWatching(false);
        Log.DriftMonitorFailed(logger, exception.Message);
    }

    private async Task WaitUntilListedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                foreach (var type in InformedTypes)
                    await informers.For(type).WaitUntilCurrentAsync(0, cancellationToken);
                return;
            }
            catch (TimeoutException e)
            {
                Log.DriftMonitorFailed(logger, e.Message);
            }
        }
    }

    private async Task TriggerAsync(string source, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IGitSourceGrain>(source).TriggerSyncAsync("drift", cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The source's next poll compares what the trigger would have: a lost trigger only delays self-heal.
            Log.DriftMonitorFailed(logger, e.Message);
        }
    }

    private void Observe(ChangeType type, ResourceKey key, KubeObject obj, long resourceVersion)
    {
        if (type == ChangeType.Deleted)
            summary.Forget(key, resourceVersion);
        else
            summary.Observe(obj);
        if (CheckDrift(type, key, obj, resourceVersion) is { } source)
            _drifted.Writer.TryWrite(source);
    }

    /// <summary>The source to trigger when the change is someone else's write to an object it manages.</summary>
    private string? CheckDrift(ChangeType type, ResourceKey key, KubeObject obj, long resourceVersion)
    {
        var text = key.ToString();
        if (index.Find(text) is not { } managed || index.IsInFlight(text) || resourceVersion <= managed.ResourceVersion)
            return null;
        if (type != ChangeType.Deleted && ManagedFields.Hash(obj) == managed.LiveHash)
        {
            index.Observe(text, resourceVersion);
            return null;
        }
        return index.AddSuspect(managed.Source, text) ? managed.Source : null;
    }

    /// <summary>The informers' handler for the counted kinds.</summary>
    private sealed class KindHandler(ChangeFeedListener listener) : IInformerHandler
    {
        public void OnAdded(KubeObject obj) =>
            listener.Observe(ChangeType.Added, ResourceKey.Of(obj), obj, obj.Metadata.ResourceVersionNumber);

        public void OnUpdated(KubeObject old, KubeObject current) =>
            listener.Observe(ChangeType.Modified, ResourceKey.Of(current), current, current.Metadata.ResourceVersionNumber);

        public void OnDeleted(KubeObject last, long resourceVersion) =>
            listener.Observe(ChangeType.Deleted, ResourceKey.Of(last), last, resourceVersion);
    }
}
