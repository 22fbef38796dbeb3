using GitOps.GitSync.Sync;

namespace GitOps.GitSync.Status;

/// <summary>A source at a glance, for the dashboard status document.</summary>
[GenerateSerializer, Alias("GitOps.SourceSummary")]
public sealed record SourceSummary(
    string Name,
    string Url,
    string Branch,
    SourcePhase Phase,
    string? Commit,
    string? CommitMessage,
    DateTimeOffset? LastSyncedAt,
    int ObjectsManaged,
    int Errors,
    int OutOfSync);
