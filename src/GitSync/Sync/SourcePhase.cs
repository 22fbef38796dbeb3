using System.Text.Json.Serialization;

namespace GitOps.GitSync.Sync;

/// <summary>
/// A source's phase: never synced yet (<see cref="Pending"/>), syncing now, synced, synced with
/// errors in some files (<see cref="Degraded"/>), or the last attempt could not read the
/// repository (<see cref="Failed"/>: the last synced state is kept).
/// </summary>
[GenerateSerializer, Alias("GitOps.SourcePhase")]
[JsonConverter(typeof(JsonStringEnumConverter<SourcePhase>))]
public enum SourcePhase { Pending, Syncing, Synced, Degraded, Failed }
