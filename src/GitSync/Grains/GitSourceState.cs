using GitOps.GitSync.Git;
using GitOps.GitSync.Planning;
using GitOps.GitSync.Sources;
using GitOps.GitSync.Sync;

namespace GitOps.GitSync.Grains;

/// <summary>A source's persisted state: its definition, what it applied, its status and its recent history.</summary>
public sealed class GitSourceState
{
    public SourceSpec? Spec { get; set; }

    public string? LastFetchedCommit { get; set; }

    public CommitInfo? LastSyncedCommit { get; set; }

    public DateTimeOffset? LastSyncedAt { get; set; }

    public SourcePhase Phase { get; set; } = SourcePhase.Pending;

    public string? Message { get; set; }

    public List<SyncError> Errors { get; set; } = [];

    public Dictionary<string, InventoryEntry> Inventory { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, ObjectSyncStatus> Issues { get; set; } = new(StringComparer.Ordinal);

    public List<SyncRunRecord> History { get; set; } = [];

    public List<DriftRecord> Drifts { get; set; } = [];

    public long RunCount { get; set; }
}
