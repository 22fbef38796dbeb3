using System.Globalization;
using System.Threading.Channels;
using GitOps.Runtime.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GitOps.Runtime.Storage.PostgreSql;

/// <summary>
/// Grain state in PostgreSQL (table grain_state). Writes and clears from concurrent activations
/// are group-committed: a few writer loops each take every queued operation (up to
/// <see cref="GrainRuntimeOptions.WriteBatchMaxSize"/>) and send them as one batch, one round trip
/// and one transaction, where each operation keeps its own ETag check.
/// </summary>
public sealed class PostgreSqlGrainStorage : IGrainStorage, IAsyncDisposable
{
    private const string Select = "SELECT data, etag FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly int _maxBatchSize;
    private readonly Channel<PendingStateWrite> _queue = Channel.CreateUnbounded<PendingStateWrite>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Task[] _writers;

    public PostgreSqlGrainStorage(NpgsqlDataSource dataSource, IOptions<GrainRuntimeOptions> options, ILogger<PostgreSqlGrainStorage> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        _maxBatchSize = Math.Max(1, options.Value.WriteBatchMaxSize);
        _writers = Enumerable.Range(0, Math.Max(1, options.Value.WriteBatchConcurrency))
            .Select(_ => Task.Run(WriteLoopAsync))
            .ToArray();
    }

    public async Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(Select);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            return null;
        return new GrainStateRecord(reader.GetFieldValue<byte[]>(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
    }

    public async Task<string?> WriteAsync(GrainId grainId, string stateName, byte[] data, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var etag = await EnqueueAsync(new PendingStateWrite(grainId, stateName, data, expectedETag), cancellationToken).ConfigureAwait(false);
        return etag?.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<bool> ClearAsync(GrainId grainId, string stateName, string? expectedETag, CancellationToken cancellationToken) =>
        await EnqueueAsync(new PendingStateWrite(grainId, stateName, null, expectedETag), cancellationToken).ConfigureAwait(false) is not null;

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers).ConfigureAwait(false);
    }

    private Task<long?> EnqueueAsync(PendingStateWrite write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_queue.Writer.TryWrite(write))
            throw new ObjectDisposedException(nameof(PostgreSqlGrainStorage), "The PostgreSQL grain storage is shut down; the write was not sent.");
        // Not cancelled once queued: the batch may already be committing, and its outcome must be reported.
        return write.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingStateWrite>(_maxBatchSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxBatchSize && reader.TryRead(out var write))
                batch.Add(write);
            if (batch.Count == 0)
                continue;
            try
            {
                await CommitAsync(batch).ConfigureAwait(false);
            }
            catch (Exception e) when (batch.Count > 1)
            {
                RuntimeLog.WriteBatchFailed(_logger, e, batch.Count);
                foreach (var write in batch)
                {
                    try
                    {
                        await CommitAsync([write]).ConfigureAwait(false);
                    }
                    catch (Exception single)
                    {
                        write.TrySetException(single);
                    }
                }
            }
            catch (Exception e)
            {
                batch[0].TrySetException(e);
            }
        }
    }

    /// <summary>Sends the writes as one batch: one round trip, one implicit transaction.</summary>
    private async Task CommitAsync(IReadOnlyList<PendingStateWrite> writes)
    {
        var outcomes = new long?[writes.Count];
        var sent = new List<int>(writes.Count);
        // A commit is never cancelled half-way: callers must learn whether their write is durable.
        await using (var connection = await _dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false))
        await using (var batch = new NpgsqlBatch(connection))
        {
            for (var i = 0; i < writes.Count; i++)
            {
                if (!writes[i].TryParseExpected(out var expected))
                    continue;
                batch.BatchCommands.Add(writes[i].ToCommand(expected));
                sent.Add(i);
            }
            if (sent.Count > 0)
            {
                await using var reader = await batch.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
                foreach (var index in sent)
                {
                    if (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
                        outcomes[index] = reader.GetInt64(0);
                    await reader.NextResultAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        for (var i = 0; i < writes.Count; i++)
            writes[i].TrySetResult(outcomes[i]);
    }
}
