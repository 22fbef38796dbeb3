namespace GitOps.Grains.Controllers.Workloads.CronJobs.Schedules;

/// <summary>
/// A parsed cron schedule in a time zone. How to use: <see cref="Next"/> gives the first run strictly
/// after an instant, <see cref="Previous"/> the last run at or before one. An instant matches when its
/// wall-clock time in <see cref="TimeZone"/> matches every field, so, as in Kubernetes, a time inside a
/// daylight-saving gap never runs and one in a repeated hour runs at each occurrence. Day-of-month and
/// day-of-week combine as cron does: when both are restricted a day matching either runs; when either is
/// unrestricted (<c>*</c>), both must match. Searches give up after <see cref="SearchYears"/> years.
/// </summary>
public sealed class CronSchedule
{
    /// <summary>How far <see cref="Next"/> and <see cref="Previous"/> look (a 29 February run can be 8 years away).</summary>
    public const int SearchYears = 10;

    private readonly CronFieldValues _minutes;
    private readonly CronFieldValues _hours;
    private readonly CronFieldValues _days;
    private readonly CronFieldValues _months;
    private readonly CronFieldValues _weekdays;

    internal CronSchedule(string expression, CronFieldValues minutes, CronFieldValues hours, CronFieldValues days,
        CronFieldValues months, CronFieldValues weekdays, TimeZoneInfo timeZone)
    {
        Expression = expression;
        _minutes = minutes;
        _hours = hours;
        _days = days;
        _months = months;
        _weekdays = weekdays;
        TimeZone = timeZone;
    }

    /// <summary>The expression as written (without a TZ= prefix).</summary>
    public string Expression { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The first run strictly after <paramref name="after"/>; null when none within <see cref="SearchYears"/> years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var t = TruncateToMinute(after).AddMinutes(1);
        var limit = after.AddYears(SearchYears);
        while (t <= limit)
        {
            var local = TimeZoneInfo.ConvertTime(t, TimeZone);
            if (!_months.Contains(local.Month))
                t = Later(t, StartOfDay(new DateTime(local.Year, local.Month, 1).AddMonths(1)));
            else if (!DayMatches(local))
                t = Later(t, StartOfDay(local.Date.AddDays(1)));
            else if (!_hours.Contains(local.Hour))
                t = t.AddMinutes(60 - local.Minute);
            else if (_minutes.NextAtOrAbove(local.Minute) is var minute && minute != local.Minute)
                t = t.AddMinutes(minute < 0 ? 60 - local.Minute : minute - local.Minute);
            else
                return t;
        }
        return null;
    }

    /// <summary>The last run at or before <paramref name="atOrBefore"/>; null when none within <see cref="SearchYears"/> years.</summary>
    public DateTimeOffset? Previous(DateTimeOffset atOrBefore)
    {
        var t = TruncateToMinute(atOrBefore);
        var limit = atOrBefore.AddYears(-SearchYears);
        while (t >= limit)
        {
            var local = TimeZoneInfo.ConvertTime(t, TimeZone);
            if (!_months.Contains(local.Month))
                t = Earlier(t, StartOfDay(new DateTime(local.Year, local.Month, 1)).AddMinutes(-1));
            else if (!DayMatches(local))
                t = Earlier(t, StartOfDay(local.Date).AddMinutes(-1));
            else if (!_hours.Contains(local.Hour))
                t = t.AddMinutes(-(local.Minute + 1));
            else if (_minutes.PreviousAtOrBelow(local.Minute) is var minute && minute != local.Minute)
                t = t.AddMinutes(minute < 0 ? -(local.Minute + 1) : minute - local.Minute);
            else
                return t;
        }
        return null;
    }

    public override string ToString() => TimeZone == TimeZoneInfo.Utc ? Expression : $"{Expression} ({TimeZone.Id})";

    private bool DayMatches(DateTimeOffset local)
    {
        var day = _days.Contains(local.Day);
        var weekday = _weekdays.Contains((int)local.DayOfWeek);
        return _days.Unrestricted || _weekdays.Unrestricted ? day && weekday : day || weekday;
    }

    /// <summary>The first instant of a local day: its midnight, or the end of a daylight-saving gap that swallows it.</summary>
    private DateTimeOffset StartOfDay(DateTime date)
    {
        var wall = DateTime.SpecifyKind(date.Date, DateTimeKind.Unspecified);
        for (var i = 0; i < 24 * 60 && TimeZone.IsInvalidTime(wall); i++)
            wall = wall.AddMinutes(1);
        var offset = TimeZone.IsAmbiguousTime(wall) ? TimeZone.GetAmbiguousTimeOffsets(wall).Max() : TimeZone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }

    private static DateTimeOffset TruncateToMinute(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }

    // Jumps by local calendar days always move the search; these guard against a zone rule that would not.
    private static DateTimeOffset Later(DateTimeOffset current, DateTimeOffset candidate) => candidate > current ? candidate : current.AddMinutes(1);

    private static DateTimeOffset Earlier(DateTimeOffset current, DateTimeOffset candidate) => candidate < current ? candidate : current.AddMinutes(-1);
}
