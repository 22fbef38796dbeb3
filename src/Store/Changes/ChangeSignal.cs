namespace GitOps.Store.Changes;

/// <summary>
/// The latest committed resourceVersion known to this process, and a way to wait for a newer one.
/// Publishers call <see cref="Publish"/> after a commit (or on hearing of another process's commit);
/// waiters are released together, without polling.
/// </summary>
internal sealed class ChangeSignal
{
    private readonly Lock _gate = new();
    private long _latest;
    private TaskCompletionSource _next = NewSource();

    public void Publish(long resourceVersion)
    {
        TaskCompletionSource released;
        lock (_gate)
        {
            if (resourceVersion <= _latest)
                return;
            _latest = resourceVersion;
            released = _next;
            _next = NewSource();
        }
        released.TrySetResult();
    }

    public async Task WaitAsync(long afterResourceVersion, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_latest > afterResourceVersion)
                    return;
                next = _next.Task;
            }
            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
