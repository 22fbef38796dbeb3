using GitOps.GitSync.Sync;

namespace GitOps.GitSync.Grains;

/// <summary>Where a source's sync loop stands, cheap to ask for often.</summary>
[GenerateSerializer, Alias("GitOps.SyncProgress")]
public sealed record SyncProgress(SourcePhase Phase, long LastRunNumber, bool Syncing, SyncRunRecord? LastRun);
