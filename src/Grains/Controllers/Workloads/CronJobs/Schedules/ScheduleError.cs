namespace GitOps.Grains.Controllers.Workloads.CronJobs.Schedules;

/// <summary>
/// Why a schedule cannot be used: the part at fault (<see cref="Field"/>: a cron field such as
/// "minute", or "schedule" / "timeZone" for the whole), the text written there, and what is wrong
/// with it. <see cref="ToString"/> reads as one sentence for an Event message.
/// </summary>
public sealed record ScheduleError(string Field, string Value, string Problem)
{
    public override string ToString() => $"{Field} \"{Value}\": {Problem}";
}
