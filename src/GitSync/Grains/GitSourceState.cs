using GitOps.GitSync.Git;
using GitOps.GitSync.Planning;
using GitOps.GitSync.Sources;
using GitOps.GitSync.Sync;
using GitOps.Model.Objects;

namespace GitOps.GitSync.Grains;

/// <summary>A source's persisted state: its definition, what it applied, its status and its recent history.</summary>
[GenerateSerializer, Alias("GitOps.GitSourceState")]
public sealed class GitSourceState
{
    [Id(0)]
    public SourceSpec? Spec { get; set; }

    [Id(1)]
    public string? LastFetchedCommit { get; set; }

    [Id(2)]
    public CommitInfo? LastSyncedCommit { get; set; }

    [Id(3)]
    public DateTimeOffset? LastSyncedAt { get; set; }

    [Id(4)]
    public SourcePhase Phase { get; set; } = SourcePhase.Pending;

    [Id(5)]
    public string? Message { get; set; }

    [Id(6)]
    public List<SyncError> Errors { get; set; } = [];

    [Id(7)]
    public Dictionary<string, InventoryEntry> Inventory { get; set; } = new(StringComparer.Ordinal);

    [Id(8)]
    public Dictionary<string, ObjectSyncStatus> Issues { get; set; } = new(StringComparer.Ordinal);

    [Id(9)]
    public List<SyncRunRecord> History { get; set; } = [];

    [Id(10)]
    public List<DriftRecord> Drifts { get; set; } = [];

    [Id(11)]
    public long RunCount { get; set; }

    /// <summary>Objects of other sources this source declared in its last run that read the repository.</summary>
    [Id(12)]
    public List<SourceClaim> ClaimsMade { get; set; } = [];

    /// <summary>Objects of this source that other sources declare, as each of them last reported.</summary>
    [Id(13)]
    public List<SourceClaim> ClaimsReceived { get; set; } = [];

    /// <summary>Runs that failed in a row (the repository could not be read); 0 after a run that read it.</summary>
    [Id(14)]
    public int ConsecutiveFailures { get; set; }

    /// <summary>While the source backs off after failures: when polls and drift may start a run again (see <see cref="SyncBackoff"/>).</summary>
    [Id(15)]
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>
    /// The drifts the source still reports, by object (as <see cref="DriftRecord.Object"/> names it): the
    /// latest record of each object whose drift was not repaired and which is still out of sync or failed.
    /// </summary>
    public IReadOnlyDictionary<string, DriftRecord> OpenDrifts()
    {
        if (Drifts.Count == 0 || Issues.Count == 0)
            return new Dictionary<string, DriftRecord>(StringComparer.Ordinal);
        var reported = Issues.Where(p => p.Value.Status != ObjectSyncCode.Synced)
            .Select(p => SyncPlanner.Describe(ResourceKey.Parse(p.Key)))
            .ToHashSet(StringComparer.Ordinal);
        var latest = new Dictionary<string, DriftRecord>(StringComparer.Ordinal);
        foreach (var record in Drifts)
            latest[record.Object] = record;
        return latest.Where(p => !p.Value.Repaired && reported.Contains(p.Key))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
