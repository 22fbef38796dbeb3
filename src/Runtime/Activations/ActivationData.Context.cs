namespace GitOps.Runtime.Activations;

/// <summary>The timer and reminder side of <see cref="IGrainContext"/>.</summary>
internal sealed partial class ActivationData
{
    public Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken) =>
        _runtime.Reminders.RegisterOrUpdateAsync(GrainId, Class, reminderName, dueTime, period, cancellationToken);

    public Task UnregisterReminder(IGrainReminder reminder, CancellationToken cancellationToken) =>
        _runtime.Reminders.UnregisterAsync(GrainId, reminder, cancellationToken);

    public Task<IGrainReminder?> GetReminder(string reminderName, CancellationToken cancellationToken) =>
        _runtime.Reminders.GetAsync(GrainId, reminderName, cancellationToken);

    public IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_queue)
        {
            if (_state >= ActivationState.Deactivating)
                throw new InvalidOperationException($"Grain {GrainId} is deactivating; it cannot register a timer.");
            var timer = new GrainTimer(this, callback, dueTime, period);
            (_timers ??= []).Add(timer);
            return timer;
        }
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_queue)
            _timers?.Remove(timer);
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_queue)
        {
            if (_timers is null || _timers.Count == 0)
                return;
            timers = [.. _timers];
        }
        foreach (var timer in timers)
            timer.Dispose();
    }
}
