using GitOps.GitSync.Planning;
using GitOps.GitSync.Sources;

namespace GitOps.GitSync.Sync;

/// <summary>
/// What a source grain hands the runner for one sync: the source, what it applied so far, which
/// objects to check for drift (all of them, or those the change feed flagged), and the drifts it
/// already recorded and still reports, so an unchanged drift is not recorded again.
/// </summary>
public sealed record SyncRequest(
    SourceSpec Spec,
    long RunNumber,
    string Trigger,
    IReadOnlyDictionary<string, InventoryEntry> Inventory,
    bool FullDriftCheck,
    IReadOnlySet<string> SuspectKeys,
    IReadOnlyDictionary<string, DriftRecord> OpenDrifts);
