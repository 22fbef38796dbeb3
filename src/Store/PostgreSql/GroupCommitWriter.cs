using System.Threading.Channels;
using GitOps.Model.Objects;
using GitOps.Store.Changes;
using GitOps.Store.Encryption;
using GitOps.Store.Writes;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GitOps.Store.PostgreSql;

/// <summary>
/// The single writer of the PostgreSQL store. Callers queue writes; one loop takes everything
/// queued (up to the batch size) and commits it in one transaction, so concurrent grains share
/// the cost of a commit. Each caller gets its own results. One transaction is in flight at a time
/// (they would only queue at the counter lock, each with its own fsync), so a batch holds every
/// write that arrived while the one before committed. The callers of that batch are usually about
/// to write again: the next batch waits for as many writes as the last one carried, or for
/// <see cref="MaxGatherWait"/>, whichever comes first, instead of leaving with the first caller back
/// and making the others wait a whole commit (which halved the rate at 8 writers). Batches of creates
/// and updates are checked and applied in one round trip (<see cref="OneTripWrite"/>); others are
/// planned here (<see cref="WritePlanner"/>). The queue is bounded (in writes): past the bound a write
/// fails at once with <see cref="ResourceStoreUnavailableException"/>, and while the database is
/// unreachable every queued write fails as soon as its transaction cannot start, so an outage never
/// piles writes up in memory.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>The longest a batch waits for the last one's callers: about one commit on a quiet server, so a caller that does not come back costs no more than that.</summary>
    private static readonly TimeSpan MaxGatherWait = TimeSpan.FromMilliseconds(1);

    private readonly NpgsqlDataSource _dataSource;
    private readonly int _maxBatchSize;
    private readonly int _maxQueuedWrites;
    private readonly ChangeSignal _signal;
    private readonly RecentCommits _recent;
    private readonly SecretEncryption _encryption;
    private readonly ILogger _logger;
    private readonly Channel<PendingWrites> _queue = Channel.CreateUnbounded<PendingWrites>(new UnboundedChannelOptions { SingleReader = true });
    private readonly WriterConnection _connection = new();
    private readonly Task _loop;
    private int _queuedWrites;
    // How many writes the last committed batch carried, and the wait for as many to be queued.
    private int _gatherTarget;
    private TaskCompletionSource? _gathered;
    // Moves on when a batch finds the database unreachable: a connection opened before then is not trusted again.
    private int _outages;

    public GroupCommitWriter(NpgsqlDataSource dataSource, int maxBatchSize, int maxQueuedWrites, ChangeSignal signal, RecentCommits recent, SecretEncryption encryption, ILogger logger)
    {
        _recent = recent;
        _encryption = encryption;
        _dataSource = dataSource;
        _maxBatchSize = maxBatchSize;
        _maxQueuedWrites = maxQueuedWrites;
        _signal = signal;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public async Task<WriteResult[]> WriteAsync(IReadOnlyList<ResourceWrite> writes, CancellationToken cancellationToken)
    {
        // A call larger than the bound is still taken when nothing else waits, so no batch is refused forever.
        var queued = Interlocked.Add(ref _queuedWrites, writes.Count);
        if (queued > _maxQueuedWrites && queued > writes.Count)
        {
            Interlocked.Add(ref _queuedWrites, -writes.Count);
            throw new ResourceStoreUnavailableException(
                $"The resource store has {queued - writes.Count} writes queued for PostgreSQL, at its bound of {_maxQueuedWrites} (PostgreSqlResourceStoreOptions.MaxQueuedWrites): the database is not keeping up. Retry in a moment.");
        }
        var pending = new PendingWrites(writes, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Add(ref _queuedWrites, -writes.Count);
            throw new ObjectDisposedException(nameof(PostgreSqlResourceStore), "The PostgreSQL resource store has been disposed; no more writes are accepted.");
        }
        if (queued >= Volatile.Read(ref _gatherTarget))
            Volatile.Read(ref _gathered)?.TrySetResult();
        return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (_connection.Connection is not null)
            await _connection.Connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await GatherAsync().ConfigureAwait(false);
            var group = new List<PendingWrites>();
            var count = 0;
            while (reader.TryPeek(out var next) && (group.Count == 0 || count + next.Writes.Count <= _maxBatchSize))
            {
                reader.TryRead(out _);
                Interlocked.Add(ref _queuedWrites, -next.Writes.Count);
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Completion.TrySetCanceled(next.CancellationToken);
                    continue;
                }
                group.Add(next);
                count += next.Writes.Count;
            }
            if (group.Count > 0)
                await CommitGroupAsync(group, count).ConfigureAwait(false);
        }
    }

    // Waits until as many writes are queued as the last batch carried, for at most MaxGatherWait.
    private async Task GatherAsync()
    {
        var target = Math.Min(Volatile.Read(ref _gatherTarget), _maxBatchSize);
        if (Volatile.Read(ref _queuedWrites) < target)
        {
            var gathered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _gathered, gathered);
            if (Volatile.Read(ref _queuedWrites) < target)
                await Task.WhenAny(gathered.Task, Task.Delay(MaxGatherWait)).ConfigureAwait(false);
            Volatile.Write(ref _gathered, null);
        }
        Volatile.Write(ref _gatherTarget, 0);
    }

    private async Task CommitGroupAsync(List<PendingWrites> group, int count)
    {
        var writes = new List<ResourceWrite>(count);
        foreach (var pending in group)
            writes.AddRange(pending.Writes);
        WriteResult[] results;
        long committed;
        IReadOnlyList<CommittedChange> changes;
        try
        {
            // A transaction that has started is never cancelled half-way: callers that gave up
            // still get a consistent store, and their writes are in the change log.
            (results, committed, changes) = await CommitAsync(_connection, writes, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            PostgreSqlStoreLog.BatchFailed(_logger, count, e);
            await RecoverConnectionAsync(_connection).ConfigureAwait(false);
            if (group.Count > 1 && (IsDataError(e) || e is SecretDecryptionException))
            {
                // A value the database refuses (a NUL in jsonb, an invalid escape) or a stored Secret that does not
                // decrypt (a delete must read it) fails only the caller that sent it:
                // the rolled-back group is committed again one caller at a time, so the others' writes still land.
                foreach (var pending in group)
                    await CommitGroupAsync([pending], pending.Writes.Count).ConfigureAwait(false);
                return;
            }
            if (Unreachable.Is(e))
            {
                Interlocked.Increment(ref _outages);
                _recent.Clear();
            }
            var failure = Unreachable.Is(e) ? Unreachable.Wrap(e) : e;
            foreach (var pending in group)
                pending.Completion.TrySetException(failure);
            return;
        }
        _recent.Add(changes);
        if (committed > 0)
            _signal.Publish(committed);
        Volatile.Write(ref _gatherTarget, count);
        var offset = 0;
        foreach (var pending in group)
        {
            pending.Completion.TrySetResult(results[offset..(offset + pending.Writes.Count)]);
            offset += pending.Writes.Count;
        }
    }

    // SQLSTATE class 22, "data exception": the statement was fine, one of its values was not.
    private static bool IsDataError(Exception e) => e is PostgresException { SqlState: [ '2', '2', .. ] };

    private async Task<(WriteResult[] Results, long Committed, IReadOnlyList<CommittedChange> Changes)> CommitAsync(WriterConnection writer, List<ResourceWrite> writes, CancellationToken cancellationToken)
    {
        if (writer.Connection is not null && writer.OpenedAfterOutage != Volatile.Read(ref _outages))
        {
            await writer.Connection.DisposeAsync().ConfigureAwait(false);
            writer.Connection = null;
        }
        if (writer.Connection is null)
        {
            writer.OpenedAfterOutage = Volatile.Read(ref _outages);
            writer.Connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        var connection = writer.Connection;
        return OneTripWrite.CanTake(writes)
            ? await OneTripWrite.CommitAsync(connection, writes, cancellationToken).ConfigureAwait(false)
            : await CommitPlannedAsync(connection, writes, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(WriteResult[] Results, long Committed, IReadOnlyList<CommittedChange> Changes)> CommitPlannedAsync(NpgsqlConnection connection, List<ResourceWrite> writes, CancellationToken cancellationToken)
    {
        long current;
        var stored = new Dictionary<ResourceKey, StoredState>();
        await using (var read = WriteStatements.BeginAndReadCurrent(connection, writes))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            current = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            await ReadStatesAsync(reader, stored, _encryption, cancellationToken).ConfigureAwait(false);
        }

        var plan = WritePlanner.Plan(writes, stored, current);
        if (plan.ResultsNeedingObject.Count > 0)
        {
            var bodies = new Dictionary<ResourceKey, StoredState>();
            await using (var command = WriteStatements.ReadBodies(connection, plan.ResultsNeedingObject.Select(i => writes[i].Key)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                await ReadStatesAsync(reader, bodies, _encryption, cancellationToken).ConfigureAwait(false);
            foreach (var i in plan.ResultsNeedingObject)
                plan.Results[i] = plan.Results[i] with { Object = bodies.GetValueOrDefault(writes[i].Key)?.Object };
        }

        await using var apply = WriteStatements.ApplyAndCommit(connection, plan, _encryption);
        if (apply is null)
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
            await rollback.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return (plan.Results, 0, []);
        }
        await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return (plan.Results, plan.LastResourceVersion, plan.Changes.Select(c => new CommittedChange(c.ResourceVersion, c.Type, c.Key, c.Object.ToJson())).ToArray());
    }

    private static async Task ReadStatesAsync(
        NpgsqlDataReader reader, Dictionary<ResourceKey, StoredState> into, SecretEncryption encryption, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = new ResourceKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            var body = reader.IsDBNull(5) ? null : encryption.Decode(key, reader.GetString(5));
            into[key] = new StoredState(reader.GetInt64(4), body);
        }
    }

    private async Task RecoverConnectionAsync(WriterConnection writer)
    {
        if (writer.Connection is null)
            return;
        try
        {
            if (writer.Connection.State == System.Data.ConnectionState.Open)
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK", writer.Connection);
                await rollback.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                return;
            }
        }
        catch (Exception e)
        {
            PostgreSqlStoreLog.RollbackFailed(_logger, e);
        }
        await writer.Connection.DisposeAsync().ConfigureAwait(false);
        writer.Connection = null;
    }
}
