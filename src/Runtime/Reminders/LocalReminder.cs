using GitOps.Runtime.Storage;

namespace GitOps.Runtime.Reminders;

/// <summary>
/// The in-process schedule of one durable reminder: a one-shot timer re-armed after every tick,
/// so a slow tick never overlaps the next and missed ticks collapse into one.
/// </summary>
internal sealed class LocalReminder : IDisposable
{
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromHours(12);

    private readonly ReminderService _service;
    private readonly Timer _timer;
    private DateTimeOffset _nextTick;
    private volatile bool _disposed;

    public LocalReminder(ReminderService service, ReminderEntry entry)
    {
        _service = service;
        Entry = entry;
        using (ExecutionContext.SuppressFlow())
            _timer = new Timer(static state => _ = ((LocalReminder)state!).OnTimerAsync(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public ReminderEntry Entry { get; }

    /// <summary>Arms the first tick: at StartAt, or at once when StartAt has passed (ticks missed while no silo ran it).</summary>
    public void Start()
    {
        var now = DateTimeOffset.UtcNow;
        Arm(Entry.StartAt > now ? Entry.StartAt : now, now);
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }

    private async Task OnTimerAsync()
    {
        if (_disposed)
            return;
        var now = DateTimeOffset.UtcNow;
        if (now < _nextTick - TimeSpan.FromMilliseconds(5))
        {
            Arm(_nextTick, now);
            return;
        }
        await _service.FireAsync(this, now).ConfigureAwait(false);
        if (_disposed)
            return;
        now = DateTimeOffset.UtcNow;
        var elapsedPeriods = Math.Floor((now - Entry.StartAt) / Entry.Period) + 1;
        Arm(Entry.StartAt + Entry.Period * Math.Max(1, elapsedPeriods), now);
    }

    private void Arm(DateTimeOffset tick, DateTimeOffset now)
    {
        _nextTick = tick;
        var delay = tick - now;
        if (delay < TimeSpan.Zero)
            delay = TimeSpan.Zero;
        if (delay > MaxTimerDelay)
            delay = MaxTimerDelay;
        try
        {
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Unregistered or stopping while a tick ran: nothing more to schedule.
        }
    }
}
