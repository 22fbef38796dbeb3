using System.Globalization;

namespace GitOps.Grains.Controllers.Workloads.CronJobs.Schedules;

/// <summary>
/// Parses one cron field as Kubernetes' parser (robfig/cron, standard mode) does: a comma-separated
/// list of <c>*</c> or <c>?</c>, a value, or a range <c>a-b</c>, each optionally with a step <c>/n</c>
/// (<c>a/n</c> means from a to the field's maximum); month and day-of-week values may be names.
/// </summary>
internal static class CronFieldParser
{
    /// <returns>The values, or null with <paramref name="error"/> saying what is wrong.</returns>
    public static CronFieldValues? Parse(string text, CronField field, out ScheduleError? error)
    {
        error = null;
        ulong bits = 0;
        var unrestricted = false;
        foreach (var item in text.Split(','))
        {
            if (ParseItem(item, field, out var itemUnrestricted, out var problem) is not { } itemBits)
            {
                error = new ScheduleError(field.Name, text, problem!);
                return null;
            }
            bits |= itemBits;
            unrestricted |= itemUnrestricted;
        }
        return new CronFieldValues(bits, unrestricted);
    }

    private static ulong? ParseItem(string item, CronField field, out bool unrestricted, out string? problem)
    {
        unrestricted = false;
        problem = null;
        if (item.Length == 0)
        {
            problem = "an empty list entry; separate values with single commas, e.g. 1,15";
            return null;
        }
        var slashParts = item.Split('/');
        if (slashParts.Length > 2)
        {
            problem = $"more than one '/' in \"{item}\"; write a step once, e.g. */15";
            return null;
        }
        var range = slashParts[0];
        int start, end;
        var isStar = range is "*" or "?";
        if (isStar)
        {
            (start, end) = (field.Min, field.Max);
        }
        else
        {
            var bounds = range.Split('-');
            if (bounds.Length > 2)
            {
                problem = $"more than one '-' in \"{item}\"; write a range as low-high, e.g. 1-5";
                return null;
            }
            if (!TryValue(bounds[0], field, out start, out problem))
                return null;
            end = start;
            if (bounds.Length == 2 && !TryValue(bounds[1], field, out end, out problem))
                return null;
        }

        var step = 1;
        if (slashParts.Length == 2)
        {
            if (!int.TryParse(slashParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
            {
                problem = $"step \"{slashParts[1]}\" in \"{item}\" is not a positive whole number";
                return null;
            }
            // "a/n" means from a to the field's maximum every n, as in Kubernetes.
            if (!isStar && !range.Contains('-'))
                end = field.Max;
        }
        unrestricted = isStar && step == 1;

        if (start < field.Min || start > field.Max)
        {
            problem = $"value {start} is out of range {field.Min}-{field.Max}";
            return null;
        }
        if (end < field.Min || end > field.Max)
        {
            problem = $"value {end} is out of range {field.Min}-{field.Max}";
            return null;
        }
        if (start > end)
        {
            problem = $"range \"{range}\" starts after it ends; write the lower value first";
            return null;
        }
        ulong bits = 0;
        for (var v = start; v <= end; v += step)
            bits |= 1UL << v;
        return bits;
    }

    private static bool TryValue(string text, CronField field, out int value, out string? problem)
    {
        problem = null;
        if (field.TryGetName(text, out value))
            return true;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
            return true;
        problem = text.Length == 0
            ? "a range with a missing bound; write it as low-high, e.g. 1-5"
            : field.HasNames
                ? $"\"{text}\" is neither a number {field.Min}-{field.Max} nor a name such as {(field == CronField.Month ? "JAN" : "MON")}"
                : $"\"{text}\" is not a number {field.Min}-{field.Max}";
        return false;
    }
}
