using GitOps.Model.Objects;
using GitOps.Store.Changes;
using GitOps.Store.Encryption;
using GitOps.Store.Queries;
using GitOps.Store.Writes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GitOps.Store.PostgreSql;

/// <summary>
/// The resource store in PostgreSQL (schema: db/002_resources.sql). Writes go through one
/// group-commit loop; versions come from a single counter row locked inside each write
/// transaction, so the change log is ordered and gapless in commit order. Waiters are woken by
/// this process's commits and, through LISTEN/NOTIFY, by other processes' commits; a read of the
/// change log right behind its head is answered from this process's recent commits when they cover
/// it (<see cref="RecentCommits"/>). While the
/// database cannot be reached every call fails at once with <see cref="ResourceStoreUnavailableException"/>;
/// the connection pool opens new connections when it is back, with no restart.
/// </summary>
public sealed class PostgreSqlResourceStore : IResourceStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ChangeSignal _signal = new();
    private readonly RecentCommits _recent = new(RecentCommitsKept);
    private readonly GroupCommitWriter _writer;
    private readonly GroupReader _reader;
    private readonly ChangeListener _listener;
    private readonly SecretEncryption _encryption;
    private int _disposed;

    // A few batches of the largest size: enough for the change-log follower to read right behind the head.
    private const int RecentCommitsKept = 8_192;

    /// <param name="encryption">How Secrets are encrypted at rest; none (in clear) when null.</param>
    public PostgreSqlResourceStore(PostgreSqlResourceStoreOptions options, ILogger<PostgreSqlResourceStore>? logger = null, SecretEncryption? encryption = null)
    {
        options.Validate();
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (connection.MaxAutoPrepare == 0)
            connection.MaxAutoPrepare = 64;
        _dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        ILogger log = logger ?? NullLogger<PostgreSqlResourceStore>.Instance;
        _encryption = encryption ?? SecretEncryption.None;
        _writer = new GroupCommitWriter(_dataSource, options.MaxBatchSize, options.MaxQueuedWrites, _signal, _recent, _encryption, log);
        _reader = new GroupReader(_dataSource, _encryption);
        _listener = new ChangeListener(_dataSource, _signal, options.ChangePollInterval, log);
    }

    public async Task<WriteResult> WriteAsync(ResourceWrite write, CancellationToken cancellationToken)
    {
        WritePlanner.Validate(write);
        return (await _writer.WriteAsync([write], cancellationToken).ConfigureAwait(false))[0];
    }

    public async Task<IReadOnlyList<WriteResult>> WriteBatchAsync(IReadOnlyList<ResourceWrite> writes, CancellationToken cancellationToken)
    {
        foreach (var write in writes)
            WritePlanner.Validate(write);
        return writes.Count == 0 ? [] : await _writer.WriteAsync(writes, cancellationToken).ConfigureAwait(false);
    }

    public Task<KubeObject?> GetAsync(ResourceKey key, CancellationToken cancellationToken) =>
        _reader.GetAsync(key, cancellationToken);

    public Task<ListPage> ListAsync(ListQuery query, CancellationToken cancellationToken) =>
        Unreachable.GuardAsync(() => ListPageAsync(query, cancellationToken));

    private async Task<ListPage> ListPageAsync(ListQuery query, CancellationToken cancellationToken)
    {
        ContinueToken? token = null;
        if (query.Continue is not null && (token = ContinueToken.TryDecode(query.Continue)) is null)
            return new ListPage([], 0, null, null, InvalidContinue: true);
        var countRemaining = query.Limit is > 0 && (query.Labels?.IsEmpty ?? true) && (query.Fields?.IsEmpty ?? true);
        var after = token is null ? new SnapshotKey("", "") : new SnapshotKey(token.Namespace, token.Name);

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = ListStatements.Page(connection, query, token?.ResourceVersion, after, countRemaining);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var current = reader.GetInt64(0);
        var compactedThrough = reader.GetInt64(1);
        var snapshot = token?.ResourceVersion ?? current;
        if (token is not null && (snapshot < compactedThrough || snapshot > current))
            return new ListPage([], snapshot, null, null, Expired: true);

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<KubeObject>();
        var more = false;
        SnapshotKey last = after;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (query.Limit is > 0 and var limit && items.Count == limit)
            {
                more = true;
                break;
            }
            last = new SnapshotKey(reader.GetString(0), reader.GetString(1));
            items.Add(_encryption.Decode(new ResourceKey(query.Type.Group, query.Type.Kind, last.Namespace, last.Name), reader.GetString(2)));
        }
        long? remaining = null;
        if (countRemaining)
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            remaining = reader.GetInt64(0) - items.Count;
        }
        return more
            ? new ListPage(items, snapshot, new ContinueToken(snapshot, last.Namespace, last.Name).Encode(), remaining)
            : new ListPage(items, snapshot, null, null);
    }

    public Task<ChangeBatch> ReadChangesAsync(long afterResourceVersion, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return _recent.TryRead(afterResourceVersion, max) is { } recent
            ? Task.FromResult(recent)
            : Unreachable.GuardAsync(() => ReadChangeBatchAsync(afterResourceVersion, max, cancellationToken));
    }

    private async Task<ChangeBatch> ReadChangeBatchAsync(long afterResourceVersion, int max, CancellationToken cancellationToken)
    {
        // One statement, so the compaction point and the events come from one snapshot.
        await using var command = _dataSource.CreateCommand("""
            SELECT l.compacted_through, c.resource_version, c.change_type, c.api_group, c.kind, c.namespace, c.name, c.body
            FROM resource_log_state l
            LEFT JOIN LATERAL (
                SELECT * FROM resource_changes WHERE resource_version > @after AND l.compacted_through <= @after
                ORDER BY resource_version LIMIT @max) c ON TRUE
            WHERE l.id = 1
            ORDER BY c.resource_version
            """);
        command.Parameters.Add(new NpgsqlParameter<long>("after", afterResourceVersion));
        command.Parameters.Add(new NpgsqlParameter<int>("max", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<ChangeEvent>();
        long compactedThrough = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            compactedThrough = reader.GetInt64(0);
            if (reader.IsDBNull(1))
                continue;
            var key = new ResourceKey(reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6));
            events.Add(new ChangeEvent(reader.GetInt64(1), (ChangeType)reader.GetInt16(2), key, _encryption.Decode(key, reader.GetString(7))));
        }
        return new ChangeBatch(events, afterResourceVersion < compactedThrough, compactedThrough + 1);
    }

    public async Task WaitForChangesAsync(long afterResourceVersion, CancellationToken cancellationToken)
    {
        await _listener.EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        await _signal.WaitAsync(afterResourceVersion, cancellationToken).ConfigureAwait(false);
    }

    public Task<long> GetCurrentResourceVersionAsync(CancellationToken cancellationToken) =>
        Unreachable.GuardAsync(async () =>
        {
            await using var command = _dataSource.CreateCommand("SELECT value FROM resource_version_counter WHERE id = 1");
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        });

    public Task<long> CompactAsync(TimeSpan olderThan, int keepLatest, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepLatest);
        return Unreachable.GuardAsync(() => CompactLogAsync(olderThan, keepLatest, cancellationToken));
    }

    private async Task<long> CompactLogAsync(TimeSpan olderThan, int keepLatest, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Answers how many events stopped being readable through ReadChangesAsync.
        // Compacts through the newest event that is both old enough and outside the newest keepLatest.
        // Each object's latest event at or before that point is kept unless it is a deletion, so a
        // list snapshot taken at or after the point can still be read (as etcd compacts).
        await using var command = new NpgsqlCommand("""
            WITH point AS (
                SELECT least(
                    (SELECT value FROM resource_version_counter WHERE id = 1) - @keep,
                    (SELECT coalesce(max(resource_version), 0) FROM resource_changes WHERE committed_at <= now() - @age)) AS through,
                    (SELECT compacted_through FROM resource_log_state WHERE id = 1) AS previous),
            moved AS (
                UPDATE resource_log_state SET compacted_through = p.through
                FROM point p WHERE id = 1 AND p.through > compacted_through
                RETURNING compacted_through AS through),
            removed AS (
                DELETE FROM resource_changes c USING moved m
                WHERE c.resource_version <= m.through
                  AND (c.change_type = 2 OR EXISTS (
                      SELECT 1 FROM resource_changes d
                      WHERE d.api_group = c.api_group AND d.kind = c.kind AND d.namespace = c.namespace AND d.name = c.name
                        AND d.resource_version > c.resource_version AND d.resource_version <= m.through)))
            SELECT coalesce((SELECT m.through - p.previous FROM moved m, point p), 0)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long>("keep", keepLatest));
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("age", olderThan));
        var compacted = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        // Readers behind the new compaction point must hear Expired from the table.
        _recent.Clear();
        return compacted;
    }

    // The container disposes the store once per registration it is resolved through (as itself and
    // as IResourceStore), so a second dispose must be harmless.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _reader.DisposeAsync().ConfigureAwait(false);
        await _listener.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
