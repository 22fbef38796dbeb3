using GitOps.GitSync.Sync;

namespace GitOps.GitSync.Grains;

/// <summary>Builds the status a source reports from its state.</summary>
internal static class SourceStatusBuilder
{
    public static SourceStatus Build(GitSourceState state, DateTimeOffset? syncingSince)
    {
        var objects = new List<ManagedObjectStatus>(state.Inventory.Count + state.Issues.Count);
        foreach (var (key, entry) in state.Inventory.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var issue = state.Issues.GetValueOrDefault(key);
            objects.Add(new ManagedObjectStatus(key, entry.Path, issue?.Status ?? ObjectSyncCode.Synced, issue?.Message));
        }
        foreach (var (key, issue) in state.Issues.Where(p => !state.Inventory.ContainsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
            objects.Add(new ManagedObjectStatus(key, null, issue.Status, issue.Message));
        return new SourceStatus(
            state.Spec!,
            syncingSince is null ? state.Phase : SourcePhase.Syncing,
            state.Message,
            state.LastFetchedCommit,
            state.LastSyncedCommit,
            state.LastSyncedAt,
            state.Inventory.Count,
            state.Errors,
            objects,
            state.Drifts.AsEnumerable().Reverse().ToList(),
            state.History.LastOrDefault(),
            syncingSince);
    }
}
