using GitOps.GitSync.Drift;
using GitOps.GitSync.Grains;
using GitOps.GitSync.Logging;
using GitOps.GitSync.Status;
using GitOps.Model.Objects;
using GitOps.Model.Selectors;
using Orleans;
using Orleans.Runtime;
using GitOps.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.GitSync.Hosting;

/// <summary>
/// Follows the store's change log: keeps the dashboard counts current, and when an object a
/// source manages is changed or deleted by anyone but that source, flags it and triggers the
/// source's sync at once (self-heal, or OutOfSync when SelfHeal is off). Every silo runs one; each
/// watches the objects of the sources whose grains are active on it (<see cref="ManagedObjectIndex"/>).
/// </summary>
internal sealed class ChangeFeedListener(
    IResourceStore store,
    ManagedObjectIndex index,
    ClusterSummary summary,
    IGrainFactory grains,
    ILogger<ChangeFeedListener> logger) : BackgroundService
{
    private const int BatchSize = 1_000;

    private static readonly ResourceType[] CountedTypes = [new("", "Node"), new("", "Pod"), new("apps", "Deployment")];

    private static readonly ResourceType[] ManagedTypes =
    [
        new("", "Namespace"), new("", "ConfigMap"), new("", "Secret"), new("", "Service"), new("", "ServiceAccount"),
        new("", "PersistentVolumeClaim"), new("apps", "ReplicaSet"), new("apps", "StatefulSet"), new("apps", "DaemonSet"),
        new("batch", "Job"), new("batch", "CronJob"), new("networking.k8s.io", "Ingress"),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                index.SetWatching(false);
                Log.DriftMonitorFailed(logger, exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var position = await store.GetCurrentResourceVersionAsync(cancellationToken);
        await LoadCountsAsync(cancellationToken);
        index.SetWatching(true);
        while (!cancellationToken.IsCancellationRequested)
        {
            await store.WaitForChangesAsync(position, cancellationToken);
            var batch = await store.ReadChangesAsync(position, BatchSize, cancellationToken);
            if (batch.Expired)
            {
                // Events were compacted away before we read them: every source compares everything once.
                index.SetWatching(false);
                return;
            }
            var drifted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var change in batch.Events)
            {
                position = change.ResourceVersion;
                if (change.Type == ChangeType.Deleted)
                    summary.Forget(change.Key, change.ResourceVersion);
                else
                    summary.Observe(change.Object);
                if (CheckDrift(change) is { } source)
                    drifted.Add(source);
            }
            foreach (var source in drifted)
                await grains.GetGrain<IGitSourceGrain>(source).TriggerSyncAsync("drift", cancellationToken);
        }
    }

    /// <summary>The source to trigger when the change is someone else's write to an object it manages.</summary>
    private string? CheckDrift(ChangeEvent change)
    {
        var key = change.Key.ToString();
        if (index.Find(key) is not { } managed || index.IsInFlight(key) || change.ResourceVersion <= managed.ResourceVersion)
            return null;
        if (change.Type != ChangeType.Deleted && ManagedFields.Hash(change.Object) == managed.LiveHash)
        {
            index.Observe(key, change.ResourceVersion);
            return null;
        }
        return index.AddSuspect(managed.Source, key) ? managed.Source : null;
    }

    private async Task LoadCountsAsync(CancellationToken cancellationToken)
    {
        foreach (var type in CountedTypes)
            Observe(await store.ListAsync(new ListQuery(type), cancellationToken));
        var managed = new LabelSelector([new LabelRequirement(GitOpsMetadata.SourceLabel, SelectorOperator.Exists, [])]);
        foreach (var type in ManagedTypes)
            Observe(await store.ListAsync(new ListQuery(type, Labels: managed), cancellationToken));
    }

    private void Observe(ListPage page)
    {
        foreach (var item in page.Items)
            summary.Observe(item);
    }
}
