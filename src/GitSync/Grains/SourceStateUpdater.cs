using GitOps.GitSync.Planning;
using GitOps.GitSync.Sync;

namespace GitOps.GitSync.Grains;

/// <summary>Folds a finished sync into a source's state: history, commits, phase, and, when the repository was read, what is applied.</summary>
internal static class SourceStateUpdater
{
    public const int DriftLimit = 50;

    public static void Apply(GitSourceState state, SyncOutcome outcome, int historyLimit)
    {
        state.RunCount = Math.Max(state.RunCount, outcome.Run.Number);
        state.History.Add(outcome.Run);
        if (state.History.Count > historyLimit)
            state.History.RemoveRange(0, state.History.Count - historyLimit);
        if (outcome.FetchedCommit is not null)
            state.LastFetchedCommit = outcome.FetchedCommit;
        state.Drifts.AddRange(outcome.Drifts);
        if (state.Drifts.Count > DriftLimit)
            state.Drifts.RemoveRange(0, state.Drifts.Count - DriftLimit);

        if (outcome.Inventory is null)
        {
            // The repository could not be read: what was applied stays as it is.
            state.Phase = SourcePhase.Failed;
            state.Message = outcome.Run.Message;
            return;
        }
        state.Inventory = new Dictionary<string, InventoryEntry>(outcome.Inventory, StringComparer.Ordinal);
        state.ClaimsMade = outcome.Claims?.ToList() ?? [];
        state.Issues = new Dictionary<string, ObjectSyncStatus>(outcome.Issues ?? new Dictionary<string, ObjectSyncStatus>(), StringComparer.Ordinal);
        state.Errors = outcome.Run.Errors.ToList();
        state.LastSyncedCommit = outcome.SyncedCommit;
        state.LastSyncedAt = outcome.Run.FinishedAt;
        state.Phase = outcome.Run.Result == SyncRunResult.Succeeded ? SourcePhase.Synced : SourcePhase.Degraded;
        state.Message = outcome.Run.Message;
    }
}
