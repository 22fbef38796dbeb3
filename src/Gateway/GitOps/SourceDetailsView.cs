using GitOps.GitSync.Git;
using GitOps.GitSync.Planning;
using GitOps.GitSync.Status;
using GitOps.GitSync.Sync;

namespace GitOps.Gateway.GitOpsApi;

/// <summary>
/// A source in full: settings, phase, commits, current errors with file and line, each object's sync status and
/// health, and the silo hosting the source's grain (<c>ip:port@generation</c>), which runs its sync loop; while its
/// run waits for a sync slot, its place in the queue; while it backs off after failures, when it tries again.
/// </summary>
public sealed record SourceDetailsView(
    SourceView Source,
    SourcePhase Phase,
    string? Message,
    string Health,
    string? LastFetchedCommit,
    CommitInfo? LastSyncedCommit,
    DateTimeOffset? LastSyncedAt,
    DateTimeOffset? SyncingSince,
    int ObjectsManaged,
    IReadOnlyList<SyncError> Errors,
    IReadOnlyList<ObjectDetails> Objects,
    IReadOnlyList<DriftRecord> RecentDrifts,
    SyncRunRecord? LastRun,
    string? Silo,
    int? WaitingForSyncSlot,
    DateTimeOffset? NextAttemptAt,
    int ConsecutiveFailures)
{
    public static SourceDetailsView From(SourceDetails details)
    {
        var status = details.Status;
        return new SourceDetailsView(
            SourceView.From(status.Spec) with { Phase = status.Phase, Commit = status.LastSyncedCommit?.Sha },
            status.Phase,
            status.Message,
            details.Health.ToString(),
            status.LastFetchedCommit,
            status.LastSyncedCommit,
            status.LastSyncedAt,
            status.SyncingSince,
            status.ObjectsManaged,
            status.Errors,
            details.Objects,
            status.RecentDrifts,
            status.LastRun,
            status.Silo,
            status.WaitingForSyncSlot,
            status.NextAttemptAt,
            status.ConsecutiveFailures);
    }
}
