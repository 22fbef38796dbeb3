using GitOps.GitSync.Planning;
using GitOps.GitSync.Sources;
using GitOps.GitSync.Status;
using GitOps.GitSync.Sync;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace GitOps.GitSync.Grains;

/// <summary>
/// One Git source (key: the source name): its definition, sync loop (a reminder at the poll
/// interval) and persisted status and history. The git and apply work runs outside the grain's
/// turns, so status calls answer at once while a sync runs.
/// </summary>
[Alias("GitOps.IGitSourceGrain")]
public interface IGitSourceGrain : IGrainWithStringKey
{
    /// <summary>Defines or redefines the source, registers its poll reminder and starts a sync.</summary>
    [Alias("ConfigureAsync")]
    Task ConfigureAsync(SourceSpec spec, CancellationToken cancellationToken);

    /// <summary>Forgets the source (objects it applied stay in the store); false when it was not defined.</summary>
    [Alias("RemoveAsync")]
    Task<bool> RemoveAsync(CancellationToken cancellationToken);

    /// <summary>Null when the source is not defined.</summary>
    [Alias("GetStatusAsync")]
    Task<SourceStatus?> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>The source at a glance for the status document; null when the source is not defined.</summary>
    [Alias("GetSummaryAsync")]
    Task<SourceSummary?> GetSummaryAsync(CancellationToken cancellationToken);

    /// <summary>A small answer for pollers: phase, last finished run, whether a sync runs now.</summary>
    [Alias("GetProgressAsync")]
    Task<SyncProgress> GetProgressAsync(CancellationToken cancellationToken);

    [Alias("GetHistoryAsync")]
    Task<IReadOnlyList<SyncRunRecord>> GetHistoryAsync(CancellationToken cancellationToken);

    /// <summary>What this source applied, per object key (for a dry-run diff).</summary>
    [Alias("GetInventoryAsync")]
    Task<IReadOnlyDictionary<string, InventoryEntry>> GetInventoryAsync(CancellationToken cancellationToken);

    /// <summary>Starts a sync now, or, when one is running, makes exactly one follow-up run after it.</summary>
    [Alias("TriggerSyncAsync")]
    Task<TriggerResult> TriggerSyncAsync(string trigger, CancellationToken cancellationToken);

    /// <summary>Whether the source manages the object with this key: it is defined and the object is in its inventory.</summary>
    [Alias("ManagesAsync")]
    Task<bool> ManagesAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the claims source <paramref name="claimant"/> makes on this source's objects. One-way: two
    /// sources finishing their runs at once may tell each other.
    /// </summary>
    [OneWay]
    [Alias("ReplaceClaimsAsync")]
    Task ReplaceClaimsAsync(string claimant, IReadOnlyList<SourceClaim> claims, CancellationToken cancellationToken);

    /// <summary>Called by the runner when a sync finishes: persists the outcome and starts the follow-up, if any.</summary>
    [Alias("CompleteSyncAsync")]
    Task CompleteSyncAsync(SyncOutcome outcome, CancellationToken cancellationToken);
}
