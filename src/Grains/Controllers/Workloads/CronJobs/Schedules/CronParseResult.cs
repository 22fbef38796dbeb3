namespace GitOps.Grains.Controllers.Workloads.CronJobs.Schedules;

/// <summary>The outcome of <see cref="CronParser.Parse"/>: a schedule, or the error that names what to fix.</summary>
public sealed record CronParseResult(CronSchedule? Schedule, ScheduleError? Error)
{
    public static CronParseResult Ok(CronSchedule schedule) => new(schedule, null);

    public static CronParseResult Invalid(string field, string value, string problem) => new(null, new ScheduleError(field, value, problem));
}
