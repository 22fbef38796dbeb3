using GitOps.Store.Changes;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GitOps.Store.PostgreSql;

/// <summary>
/// Wakes this process's change waiters when any process commits: LISTENs on the store's channel
/// and, in case a notification is lost (a dropped connection), re-reads the current
/// resourceVersion every poll interval. Started by the first waiter.
/// </summary>
internal sealed class ChangeListener : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly NpgsqlDataSource _dataSource;
    private readonly ChangeSignal _signal;
    private readonly TimeSpan _pollInterval;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task? _loop;
    private TaskCompletionSource? _firstPoll;

    public ChangeListener(NpgsqlDataSource dataSource, ChangeSignal signal, TimeSpan pollInterval, ILogger logger)
    {
        _dataSource = dataSource;
        _signal = signal;
        _pollInterval = pollInterval;
        _logger = logger;
    }

    /// <summary>Starts listening on first use; completes once the signal holds the database's current version.</summary>
    public Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_firstPoll is null)
            {
                _firstPoll = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _loop = Task.Run(RunAsync);
            }
            return _firstPoll.Task.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stopping).ConfigureAwait(false);
                connection.Notification += (_, e) =>
                {
                    if (long.TryParse(e.Payload, out var version))
                        _signal.Publish(version);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {WriteStatements.NotifyChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
                await PollAsync(connection, stopping).ConfigureAwait(false);
                _firstPoll!.TrySetResult();
                while (!stopping.IsCancellationRequested)
                {
                    // A notification is handled by the event above; a quiet interval triggers a poll.
                    if (!await connection.WaitAsync(_pollInterval, stopping).ConfigureAwait(false))
                        await PollAsync(connection, stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                PostgreSqlStoreLog.ListenerFailed(_logger, RetryDelay, e);
                try
                {
                    await Task.Delay(RetryDelay, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task PollAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var poll = new NpgsqlCommand("SELECT value FROM resource_version_counter WHERE id = 1", connection);
        _signal.Publish((long)(await poll.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
    }
}
