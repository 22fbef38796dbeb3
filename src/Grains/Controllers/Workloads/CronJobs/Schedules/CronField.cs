namespace GitOps.Grains.Controllers.Workloads.CronJobs.Schedules;

/// <summary>
/// One of the five fields of a standard cron expression: its name in error messages, its range, and
/// the names it accepts (months JAN-DEC, days of the week SUN-SAT, case-insensitive).
/// </summary>
public sealed class CronField
{
    public static readonly CronField Minute = new("minute", 0, 59);
    public static readonly CronField Hour = new("hour", 0, 23);
    public static readonly CronField DayOfMonth = new("day-of-month", 1, 31);
    public static readonly CronField Month = new("month", 1, 12,
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]);
    public static readonly CronField DayOfWeek = new("day-of-week", 0, 6,
        ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]);

    /// <summary>The fields in the order an expression lists them.</summary>
    public static readonly IReadOnlyList<CronField> InOrder = [Minute, Hour, DayOfMonth, Month, DayOfWeek];

    private readonly Dictionary<string, int> _names;

    private CronField(string name, int min, int max, IReadOnlyList<string>? names = null)
    {
        Name = name;
        Min = min;
        Max = max;
        _names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (names?.Count ?? 0); i++)
            _names[names![i]] = min + i;
    }

    public string Name { get; }

    public int Min { get; }

    public int Max { get; }

    /// <summary>The value a name stands for (e.g. "mar" is 3 in the month field), if this field has names.</summary>
    public bool TryGetName(string text, out int value) => _names.TryGetValue(text, out value);

    public bool HasNames => _names.Count > 0;

    public override string ToString() => Name;
}
