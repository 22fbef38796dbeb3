namespace GitOps.NodeAgent.Tests.Support;

/// <summary>
/// A wall clock the test sets by hand, so the times the agent writes can be asserted exactly. Only
/// the time of day is fake: timers, delays and timestamps for elapsed time stay real, so the agent's
/// loops run at their usual pace.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
