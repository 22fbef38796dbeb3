using System.Text.Json.Serialization;
using GitOps.GitSync.Planning;

namespace GitOps.GitSync.Sync;

[GenerateSerializer, Alias("GitOps.SyncRunResult")]
[JsonConverter(typeof(JsonStringEnumConverter<SyncRunResult>))]
public enum SyncRunResult { Succeeded, Degraded, Failed }

/// <summary>One sync run as kept in a source's history.</summary>
[GenerateSerializer, Alias("GitOps.SyncRunRecord")]
public sealed record SyncRunRecord(
    long Number,
    string Trigger,
    string? Commit,
    string? CommitMessage,
    string? Author,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    SyncRunResult Result,
    int Created,
    int Updated,
    int Unchanged,
    int Pruned,
    int Failed,
    int DriftRepaired,
    IReadOnlyList<SyncError> Errors,
    string? Message)
{
    public double DurationMs => (FinishedAt - StartedAt).TotalMilliseconds;
}
