using System.Text.Json.Serialization;

namespace GitOps.GitSync.Sync;

[JsonConverter(typeof(JsonStringEnumConverter<DiffAction>))]
public enum DiffAction { Create, Update, RepairDrift, Prune, KeepRemoved, Held }

/// <summary>One change the next sync would make (dry run), with the fields that would change when known.</summary>
public sealed record DiffEntry(string Object, string? Path, DiffAction Action, IReadOnlyList<string> Fields);

/// <summary>What the next sync would do at <see cref="Commit"/>, or why it cannot be known (<see cref="Failure"/>).</summary>
public sealed record SyncDiff(string? Commit, IReadOnlyList<DiffEntry> Changes, int Unchanged, IReadOnlyList<Planning.SyncError> Errors, string? Failure);
