namespace GitOps.Grains.Tests.Workloads;

/// <summary>
/// A clock the CronJob tests set by hand, so scheduled minutes pass without waiting for them. Only the
/// time of day is fake: timers and timestamps for elapsed time stay real, so grain timers, reminders and
/// delays behave as in production.
/// </summary>
internal sealed class CronJobTestClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);
}
