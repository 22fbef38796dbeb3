namespace GitOps.GitSync.Planning;

/// <summary>
/// Everything the planner decides from: the objects Git declares (from files that loaded),
/// the files that failed and their errors, what the source applied before, whether to prune,
/// and the objects found drifted (to re-apply although Git did not change them).
/// </summary>
public sealed record PlanInput(
    IReadOnlyList<LocatedObject> Objects,
    IReadOnlySet<string> FailedFiles,
    IReadOnlyList<SyncError> LoadErrors,
    IReadOnlyDictionary<string, InventoryEntry> Inventory,
    bool Prune,
    IReadOnlySet<string> Drifted);
