using System.Globalization;

namespace GitOps.Runtime.Storage.Memory;

/// <summary>
/// Grain state in process memory (the embedded default and unit tests). ETags come from one
/// counter, so a cleared and re-created record never reuses an ETag.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<(GrainId GrainId, string StateName), GrainStateRecord> _records = new();
    private readonly Lock _lock = new();
    private long _lastEtag;

    public Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
            return Task.FromResult(_records.GetValueOrDefault((grainId, stateName)) is { } record
                ? record with { Data = [.. record.Data] }
                : null);
    }

    public Task<string?> WriteAsync(GrainId grainId, string stateName, byte[] data, string? expectedETag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var current = _records.GetValueOrDefault((grainId, stateName));
            if (current?.ETag != expectedETag)
                return Task.FromResult<string?>(null);
            var etag = (++_lastEtag).ToString(CultureInfo.InvariantCulture);
            _records[(grainId, stateName)] = new GrainStateRecord([.. data], etag);
            return Task.FromResult<string?>(etag);
        }
    }

    public Task<bool> ClearAsync(GrainId grainId, string stateName, string? expectedETag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var current = _records.GetValueOrDefault((grainId, stateName));
            if (current?.ETag != expectedETag)
                return Task.FromResult(false);
            _records.Remove((grainId, stateName));
            return Task.FromResult(true);
        }
    }
}
