using System.Threading.Channels;
using GitOps.Model.Objects;
using GitOps.Store.Encryption;
using Npgsql;

namespace GitOps.Store.PostgreSql;

/// <summary>
/// Coalesces concurrent single-object reads: one loop takes every queued key and reads them in one
/// query, so thousands of grains activating at once (a GitSync of a big repository) cost a few
/// round trips instead of one each. A lone read waits for no one.
/// </summary>
internal sealed class GroupReader : IAsyncDisposable
{
    private const int MaxBatchSize = 1_000;

    private const string ReadMany = """
        SELECT r.api_group, r.kind, r.namespace, r.name, r.body
        FROM unnest(@g::text[], @k::text[], @ns::text[], @n::text[]) AS k(g, kd, ns, n)
        JOIN resources r ON r.api_group = k.g AND r.kind = k.kd AND r.namespace = k.ns AND r.name = k.n
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SecretEncryption _encryption;
    private readonly Channel<PendingRead> _queue = Channel.CreateUnbounded<PendingRead>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private NpgsqlConnection? _connection;

    public GroupReader(NpgsqlDataSource dataSource, SecretEncryption encryption)
    {
        _dataSource = dataSource;
        _encryption = encryption;
        _loop = Task.Run(RunAsync);
    }

    public async Task<KubeObject?> GetAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        var pending = new PendingRead(key);
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(PostgreSqlResourceStore), "The PostgreSQL resource store has been disposed.");
        return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (_connection is not null)
            await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingRead>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatchSize && reader.TryRead(out var next))
                batch.Add(next);
            try
            {
                var found = await ReadAsync(batch.Select(p => p.Key).Distinct().ToArray()).ConfigureAwait(false);
                foreach (var pending in batch)
                    Complete(pending, found.GetValueOrDefault(pending.Key));
            }
            catch (Exception e)
            {
                if (_connection is not null)
                    await _connection.DisposeAsync().ConfigureAwait(false);
                _connection = null;
                var failure = Unreachable.Is(e) ? Unreachable.Wrap(e) : e;
                foreach (var pending in batch)
                    pending.Completion.TrySetException(failure);
            }
        }
    }

    // A Secret that does not decrypt fails its own readers only.
    private void Complete(PendingRead pending, string? body)
    {
        try
        {
            pending.Completion.TrySetResult(body is null ? null : _encryption.Decode(pending.Key, body));
        }
        catch (SecretDecryptionException e)
        {
            pending.Completion.TrySetException(e);
        }
    }

    private async Task<Dictionary<ResourceKey, string>> ReadAsync(ResourceKey[] keys)
    {
        _connection ??= await _dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(ReadMany, _connection);
        command.Parameters.Add(new NpgsqlParameter<string[]>("g", keys.Select(k => k.Group).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("k", keys.Select(k => k.Kind).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("ns", keys.Select(k => k.Namespace).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("n", keys.Select(k => k.Name).ToArray()));
        var found = new Dictionary<ResourceKey, string>();
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
        while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
            found[new ResourceKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))] = reader.GetString(4);
        return found;
    }
}
