using GitOps.GitSync.Planning;

namespace GitOps.GitSync.Sync;

/// <summary>
/// What applying a plan did: new inventory entries, pruned keys, failures with the place to fix them, and
/// the objects another source manages (<see cref="Claims"/>, each also among the failures).
/// </summary>
public sealed record ApplyReport(
    IReadOnlyDictionary<string, InventoryEntry> Applied,
    IReadOnlySet<string> Pruned,
    IReadOnlyDictionary<string, string> Failures,
    IReadOnlyList<SyncError> Errors,
    int Created,
    int Updated,
    int Unchanged,
    int DriftRepaired,
    IReadOnlyList<SourceClaim> Claims);
