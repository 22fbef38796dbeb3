using GitOps.GitSync.Git;
using GitOps.GitSync.Planning;

namespace GitOps.GitSync.Sync;

/// <summary>
/// The result of one sync, for the source grain to persist. When the repository could not be
/// read, <see cref="Inventory"/>, <see cref="SyncedCommit"/> and <see cref="Claims"/> are null: the last
/// synced state stays. <see cref="Claims"/> are the objects of other sources this one declares.
/// </summary>
[GenerateSerializer, Alias("GitOps.SyncOutcome")]
public sealed record SyncOutcome(
    SyncRunRecord Run,
    string? FetchedCommit,
    CommitInfo? SyncedCommit,
    IReadOnlyDictionary<string, InventoryEntry>? Inventory,
    IReadOnlyDictionary<string, ObjectSyncStatus>? Issues,
    IReadOnlyList<DriftRecord> Drifts,
    IReadOnlyList<SourceClaim>? Claims = null);
