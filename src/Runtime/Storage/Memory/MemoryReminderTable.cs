using System.Globalization;
using GitOps.Runtime.Placement;
using Microsoft.Extensions.Options;

namespace GitOps.Runtime.Storage.Memory;

/// <summary>Reminder rows in process memory (the embedded default and unit tests).</summary>
public sealed class MemoryReminderTable(IOptions<GrainRuntimeOptions> options) : IReminderTable
{
    private readonly Dictionary<(GrainId GrainId, string Name), ReminderEntry> _rows = new();
    private readonly Lock _lock = new();
    private readonly int _shardCount = options.Value.ShardCount;
    private long _lastEtag;

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(int shardFrom, int shardTo, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
            return Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values
                .Where(r => GrainShard.Of(r.GrainId, _shardCount) is var shard && shard >= shardFrom && shard <= shardTo)
                .ToList());
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
            return Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.Where(r => r.GrainId == grainId).ToList());
    }

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
            return Task.FromResult(_rows.GetValueOrDefault((grainId, reminderName)));
    }

    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var etag = (++_lastEtag).ToString(CultureInfo.InvariantCulture);
            _rows[(entry.GrainId, entry.ReminderName)] = entry with { ETag = etag };
            return Task.FromResult(etag);
        }
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_rows.TryGetValue((grainId, reminderName), out var row) || row.ETag != eTag)
                return Task.FromResult(false);
            _rows.Remove((grainId, reminderName));
            return Task.FromResult(true);
        }
    }
}
