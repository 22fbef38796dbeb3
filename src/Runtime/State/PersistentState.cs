using System.Text.Json;
using GitOps.Runtime.Storage;

namespace GitOps.Runtime.State;

/// <summary>
/// A grain's persistent state: JSON in <see cref="IGrainStorage"/>, guarded by the record's ETag.
/// A stale write or clear throws <see cref="InconsistentStateException"/>; the runtime then drops
/// the activation so the next call reloads.
/// </summary>
internal sealed class PersistentState<TState>(
    IGrainStorage storage,
    GrainId grainId,
    string stateName,
    JsonSerializerOptions serializerOptions) : IPersistentState<TState>, IStateLoader
    where TState : new()
{
    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await storage.ReadAsync(grainId, stateName, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            State = new TState();
            Etag = null;
            RecordExists = false;
            return;
        }
        State = JsonSerializer.Deserialize<TState>(record.Data, serializerOptions) ?? new TState();
        Etag = record.ETag;
        RecordExists = true;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var data = JsonSerializer.SerializeToUtf8Bytes(State, serializerOptions);
        var newEtag = await storage.WriteAsync(grainId, stateName, data, Etag, cancellationToken).ConfigureAwait(false)
            ?? throw Conflict("write");
        Etag = newEtag;
        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        if (!await storage.ClearAsync(grainId, stateName, Etag, cancellationToken).ConfigureAwait(false))
            throw Conflict("clear");
        State = new TState();
        Etag = null;
        RecordExists = false;
    }

    private InconsistentStateException Conflict(string operation) => new(
        $"Could not {operation} state '{stateName}' of grain {grainId}: another activation changed it since this one read ETag " +
        $"'{Etag ?? "(none)"}'. The activation is dropped; the next call reloads the current state.",
        storedEtag: null,
        currentEtag: Etag);
}
