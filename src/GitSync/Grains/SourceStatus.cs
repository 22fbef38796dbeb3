using GitOps.GitSync.Git;
using GitOps.GitSync.Planning;
using GitOps.GitSync.Sources;
using GitOps.GitSync.Sync;

namespace GitOps.GitSync.Grains;

/// <summary>
/// A source's status as its grain reports it (objects without their health; see <see cref="Status.SourceDetails"/>).
/// <see cref="Silo"/> is the Orleans silo hosting the source's grain when it answered (<c>ip:port@generation</c>),
/// so an operator (or a failover test) can tell which process runs the source's sync loop.
/// <see cref="WaitingForSyncSlot"/> is the source's place in its silo's queue of syncs waiting for a slot
/// (<c>GitOps:MaxConcurrentSyncs</c>), null when it is not waiting; <see cref="NextAttemptAt"/> is when a source
/// that keeps failing tries again (<see cref="ConsecutiveFailures"/> in a row), null when it is not backing off.
/// </summary>
[GenerateSerializer, Alias("GitOps.SourceStatus")]
public sealed record SourceStatus(
    SourceSpec Spec,
    SourcePhase Phase,
    string? Message,
    string? LastFetchedCommit,
    CommitInfo? LastSyncedCommit,
    DateTimeOffset? LastSyncedAt,
    int ObjectsManaged,
    IReadOnlyList<SyncError> Errors,
    IReadOnlyList<ManagedObjectStatus> Objects,
    IReadOnlyList<DriftRecord> RecentDrifts,
    SyncRunRecord? LastRun,
    DateTimeOffset? SyncingSince,
    string? Silo = null,
    int? WaitingForSyncSlot = null,
    DateTimeOffset? NextAttemptAt = null,
    int ConsecutiveFailures = 0);

/// <summary>One object a source manages or declares: where it is declared and its sync status.</summary>
[GenerateSerializer, Alias("GitOps.ManagedObjectStatus")]
public sealed record ManagedObjectStatus(string Key, string? Path, ObjectSyncCode Status, string? Message);
