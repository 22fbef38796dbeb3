namespace GitOps.Grains.Controllers.Workloads.CronJobs.Schedules;

/// <summary>
/// Parses a CronJob's <c>spec.schedule</c> as Kubernetes does: five fields (minute hour day-of-month
/// month day-of-week) or a macro (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly),
/// optionally prefixed <c>TZ=zone</c> or <c>CRON_TZ=zone</c>; times are read in <c>spec.timeZone</c>
/// (an IANA name, UTC when unset). How to use: <c>CronParser.Parse(schedule, timeZone)</c> returns a
/// <see cref="CronSchedule"/> or a <see cref="ScheduleError"/> naming the field and value to fix.
/// </summary>
public static class CronParser
{
    public const string ScheduleField = "schedule";
    public const string TimeZoneField = "timeZone";

    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    private static readonly int[] MaxDaysInMonth = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    public static CronParseResult Parse(string? schedule, string? timeZone = null)
    {
        var text = (schedule ?? "").Trim();
        if (text.Length == 0)
            return CronParseResult.Invalid(ScheduleField, "", "empty; write five fields (minute hour day-of-month month day-of-week) such as \"*/5 * * * *\", or a macro such as @hourly");

        string? zoneName = timeZone;
        var zoneField = TimeZoneField;
        if (text.StartsWith("TZ=", StringComparison.Ordinal) || text.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var end = text.IndexOfAny([' ', '\t']);
            if (end < 0)
                return CronParseResult.Invalid(ScheduleField, text, "a time zone prefix without a schedule after it");
            if (timeZone is not null)
                return CronParseResult.Invalid(ScheduleField, text, "a TZ= or CRON_TZ= prefix while spec.timeZone is set too; keep only spec.timeZone");
            zoneName = text[(text.IndexOf('=') + 1)..end];
            zoneField = ScheduleField;
            text = text[end..].Trim();
        }
        if (ResolveZone(zoneName) is not { } zone)
            return new CronParseResult(null, ZoneError(zoneName!, zoneField));

        var expression = text;
        if (text.StartsWith('@'))
        {
            if (!Macros.TryGetValue(text, out var expanded))
                return CronParseResult.Invalid(ScheduleField, text, $"not a known macro; use one of {string.Join(", ", Macros.Keys)}, or five fields");
            expression = expanded;
        }
        var parts = expression.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != CronField.InOrder.Count)
            return CronParseResult.Invalid(ScheduleField, text,
                $"{parts.Length} field{(parts.Length == 1 ? "" : "s")}; a schedule has exactly 5: minute hour day-of-month month day-of-week");

        var values = new CronFieldValues[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (CronFieldParser.Parse(parts[i], CronField.InOrder[i], out var error) is not { } parsed)
                return new CronParseResult(null, error);
            values[i] = parsed;
        }
        var (minutes, hours, days, months, weekdays) = (values[0], values[1], values[2], values[3], values[4]);
        // Day-of-month alone decides the day when day-of-week is unrestricted: it must exist in some month given.
        if (!days.Unrestricted && weekdays.Unrestricted
            && !months.Values().Any(m => days.PreviousAtOrBelow(MaxDaysInMonth[m]) >= 1))
            return CronParseResult.Invalid(CronField.DayOfMonth.Name, parts[2], $"no such day occurs in month \"{parts[3]}\", so the schedule never runs");

        return CronParseResult.Ok(new CronSchedule(text, minutes, hours, days, months, weekdays, zone));
    }

    private static TimeZoneInfo? ResolveZone(string? name)
    {
        if (name is null)
            return TimeZoneInfo.Utc;
        if (name.Length == 0 || name.Equals("Local", StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(name);
            return zone.HasIanaId && zone.Id == name ? zone : null;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    private static ScheduleError ZoneError(string name, string field)
    {
        if (name.Length == 0)
            return new ScheduleError(field, name, "empty; leave it out for UTC or name an IANA time zone such as Europe/Berlin");
        if (name.Equals("Local", StringComparison.OrdinalIgnoreCase))
            return new ScheduleError(field, name, "not an explicit time zone; name an IANA time zone such as Europe/Berlin");
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(name);
            return zone.HasIanaId
                ? new ScheduleError(field, name, $"time zone names are case-sensitive; write \"{zone.Id}\"")
                : new ScheduleError(field, name, "not an IANA time zone name; use one such as America/Los_Angeles");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // Zone files are looked up case-sensitively; name the one the user probably meant.
            var spelled = TimeZoneInfo.GetSystemTimeZones().FirstOrDefault(z => z.HasIanaId && string.Equals(z.Id, name, StringComparison.OrdinalIgnoreCase));
            return spelled is not null
                ? new ScheduleError(field, name, $"time zone names are case-sensitive; write \"{spelled.Id}\"")
                : new ScheduleError(field, name, "not a known IANA time zone; use one such as Europe/Berlin or UTC");
        }
    }
}
