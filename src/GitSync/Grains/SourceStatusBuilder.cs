using GitOps.GitSync.Status;
using GitOps.GitSync.Git;
using GitOps.GitSync.Sync;

namespace GitOps.GitSync.Grains;

/// <summary>Builds the status a source reports from its state.</summary>
internal static class SourceStatusBuilder
{
    /// <param name="silo">The silo hosting the source's grain, as <see cref="SourceStatus.Silo"/> shows it.</param>
    /// <param name="waitingForSyncSlot">The run's place in the queue for a sync slot, null when it is not waiting.</param>
    public static SourceStatus Build(GitSourceState state, DateTimeOffset? syncingSince, string silo, int? waitingForSyncSlot)
    {
        var objects = new List<ManagedObjectStatus>(state.Inventory.Count + state.Issues.Count);
        var claims = state.ClaimsReceived.ToLookup(c => c.Key, StringComparer.Ordinal);
        foreach (var (key, entry) in state.Inventory.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var issue = WithClaims(state.Issues.GetValueOrDefault(key), claims[key]);
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
            syncingSince,
            silo,
            waitingForSyncSlot,
            state.NextAttemptAt,
            state.ConsecutiveFailures);
    }

    /// <summary>An object's issue with the conflicts of other sources that declare it too.</summary>
    private static ObjectSyncStatus? WithClaims(ObjectSyncStatus? issue, IEnumerable<SourceClaim> claims)
    {
        var conflicts = claims.Select(c =>
            $"also declared by Git source \"{c.Claimant}\" in {c.Path}:{c.Line} of {c.Repository}, whose apply is refused " +
            "while this source manages the object; remove it from one of the two sources").ToList();
        if (conflicts.Count == 0)
            return issue;
        var message = string.Join("; ", issue?.Message is { } known ? conflicts.Prepend(known) : conflicts);
        return new ObjectSyncStatus(ObjectSyncCode.Conflict, message);
    }

    /// <summary>The source at a glance, as the status document shows it.</summary>
    public static SourceSummary Summarize(GitSourceState state, DateTimeOffset? syncingSince)
    {
        var spec = state.Spec!;
        return new SourceSummary(
            spec.Name,
            RepositoryUrl.Redact(spec.Url),
            spec.Branch,
            syncingSince is null ? state.Phase : SourcePhase.Syncing,
            state.LastSyncedCommit?.Sha,
            state.LastSyncedCommit?.Message,
            state.LastSyncedAt,
            state.Inventory.Count,
            state.Errors.Count,
            state.Issues.Values.Count(i => i.Status == ObjectSyncCode.OutOfSync));
    }
}
