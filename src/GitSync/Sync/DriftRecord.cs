namespace GitOps.GitSync.Sync;

/// <summary>A change made outside Git to an object a source manages: which fields, when it was seen, and whether it was repaired.</summary>
[GenerateSerializer, Alias("GitOps.DriftRecord")]
public sealed record DriftRecord(string Object, string Path, IReadOnlyList<string> Fields, bool Deleted, DateTimeOffset DetectedAt, bool Repaired);
