namespace GitOps.Runtime.Activations;

/// <summary>
/// A grain timer: each tick is queued as a turn of its activation (at most one tick queued at a
/// time; ticks that come while one waits are skipped). It ends with the activation.
/// </summary>
internal sealed class GrainTimer : IWorkItem, IDisposable
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Timer _timer;
    private int _queued;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        using (ExecutionContext.SuppressFlow())
            _timer = new Timer(static state => ((GrainTimer)state!).OnTick(), this, dueTime, period);
    }

    public bool HasCaller => false;

    public async ValueTask<Exception?> RunAsync(Grain grain)
    {
        try
        {
            if (!_disposed.IsCancellationRequested)
                await _callback(_disposed.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
        finally
        {
            Volatile.Write(ref _queued, 0);
        }
    }

    public void Fail(Exception exception) => Volatile.Write(ref _queued, 0);

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
            return;
        _disposed.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    private void OnTick()
    {
        if (_disposed.IsCancellationRequested || Interlocked.Exchange(ref _queued, 1) != 0)
            return;
        if (!_activation.TryEnqueue(this, touch: false))
            Volatile.Write(ref _queued, 0);
    }
}
