namespace GitOps.Runtime.Storage;

/// <summary>A grain's identity in storage: the grain class's type name and its key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}

/// <summary>One state record as stored: the serialized state (UTF-8 JSON) and its ETag.</summary>
public sealed record GrainStateRecord(byte[] Data, string ETag);

/// <summary>
/// Storage of grain state. Writes are conditional on the ETag the caller read (null: the record
/// must not exist); a lost race returns null instead of throwing.
/// </summary>
public interface IGrainStorage
{
    Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>The record's new ETag, or null when <paramref name="expectedETag"/> was stale.</summary>
    Task<string?> WriteAsync(GrainId grainId, string stateName, byte[] data, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>True when cleared; false when <paramref name="expectedETag"/> was stale.</summary>
    Task<bool> ClearAsync(GrainId grainId, string stateName, string? expectedETag, CancellationToken cancellationToken);
}

public sealed record ReminderEntry(
    GrainId GrainId,
    string ReminderName,
    DateTimeOffset StartAt,
    TimeSpan Period,
    string? ETag = null);

/// <summary>Durable reminder rows, as Orleans' IReminderTable: a lost race is a null/false answer.</summary>
public interface IReminderTable
{
    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(int shardFrom, int shardTo, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken);

    Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    /// <summary>The row's new ETag.</summary>
    Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken);

    Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken);
}
