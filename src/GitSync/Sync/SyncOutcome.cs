using GitOps.GitSync.Git;
using GitOps.GitSync.Planning;

namespace GitOps.GitSync.Sync;

/// <summary>
/// The result of one sync, for the source grain to persist. When the repository could not be
/// read, <see cref="Inventory"/> and <see cref="SyncedCommit"/> are null: the last synced state stays.
/// </summary>
[GenerateSerializer, Alias("GitOps.SyncOutcome")]
public sealed record SyncOutcome(
    SyncRunRecord Run,
    string? FetchedCommit,
    CommitInfo? SyncedCommit,
    IReadOnlyDictionary<string, InventoryEntry>? Inventory,
    IReadOnlyDictionary<string, ObjectSyncStatus>? Issues,
    IReadOnlyList<DriftRecord> Drifts);
