using GitOps.Grains.Controllers.Workloads.CronJobs.Schedules;

namespace GitOps.Grains.Tests.Workloads;

public sealed class CronJobScheduleTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    private static CronSchedule Parse(string schedule, string? timeZone = null)
    {
        var result = CronParser.Parse(schedule, timeZone);
        Assert.True(result.Schedule is not null, $"\"{schedule}\" should parse: {result.Error}");
        return result.Schedule!;
    }

    /// <summary>The first <paramref name="count"/> runs after <paramref name="from"/>.</summary>
    private static DateTimeOffset[] Runs(string schedule, DateTimeOffset from, int count, string? timeZone = null)
    {
        var parsed = Parse(schedule, timeZone);
        var runs = new List<DateTimeOffset>();
        var t = from;
        for (var i = 0; i < count; i++)
        {
            t = parsed.Next(t) ?? throw new InvalidOperationException($"{schedule} has no run after {t}");
            runs.Add(t);
        }
        return runs.ToArray();
    }

    [Fact]
    public void Every_minute_runs_at_the_next_whole_minute_strictly_after_the_given_time()
    {
        var schedule = Parse("* * * * *");

        Assert.Equal(Utc(2025, 6, 2, 10, 1), schedule.Next(Utc(2025, 6, 2, 10, 0, 30)));
        Assert.Equal(Utc(2025, 6, 2, 10, 2), schedule.Next(Utc(2025, 6, 2, 10, 1)));
        Assert.Equal(Utc(2026, 1, 1, 0, 0), schedule.Next(Utc(2025, 12, 31, 23, 59, 59)));
    }

    [Fact]
    public void Steps_lists_and_ranges_select_the_values_cron_selects()
    {
        var day = Utc(2025, 6, 2).AddMinutes(-1);

        Assert.Equal([0, 15, 30, 45, 0], Runs("*/15 * * * *", day, 5).Select(t => t.Minute));
        Assert.Equal([5, 25, 45, 5], Runs("5/20 * * * *", day, 4).Select(t => t.Minute));
        Assert.Equal([9, 13, 17, 9], Runs("0 9-17/4 * * *", day, 4).Select(t => t.Hour));
        Assert.Equal([(8, 0), (8, 30), (8, 45), (8, 0)], Runs("0,30,45 8 * * *", day, 4).Select(t => (t.Hour, t.Minute)));
        Assert.Equal([10, 11, 12, 20, 10], Runs("10-12,20 0 * * *", day, 5).Select(t => t.Minute));
        Assert.Equal([0, 0, 0], Runs("0 0 * * ?", day, 3).Select(t => t.Hour));
    }

    [Fact]
    public void Month_and_weekday_names_are_accepted_in_any_case_and_in_ranges()
    {
        // 15 June 2025 is a Sunday; the first weekday of July is Tuesday 1 July.
        var runs = Runs("0 6 * jan,JUL Mon-fri", Utc(2025, 6, 15), 3);

        Assert.Equal([Utc(2025, 7, 1, 6), Utc(2025, 7, 2, 6), Utc(2025, 7, 3, 6)], runs);
    }

    [Fact]
    public void Restricted_day_of_month_and_day_of_week_run_on_days_matching_either()
    {
        // June 2025: Fridays are the 6th, 13th, 20th, 27th; "13 * FRI" runs on the 13th or any Friday.
        var runs = Runs("0 0 13 * FRI", Utc(2025, 6, 1), 4);

        Assert.Equal([6, 13, 20, 27], runs.Select(t => t.Day));
    }

    [Fact]
    public void An_unrestricted_day_field_makes_the_other_one_decide_alone()
    {
        Assert.Equal([Utc(2025, 6, 13), Utc(2025, 7, 13)], Runs("0 0 13 * *", Utc(2025, 6, 1), 2));
        Assert.Equal([Utc(2025, 6, 2), Utc(2025, 6, 9)], Runs("0 0 * * 1", Utc(2025, 6, 1), 2));
        // "*/1" is still unrestricted, so the 13th alone decides, as in Kubernetes.
        Assert.Equal([Utc(2025, 6, 13)], Runs("0 0 13 * */1", Utc(2025, 6, 1), 1));
    }

    [Theory]
    [InlineData("@yearly", "0 0 1 1 *")]
    [InlineData("@annually", "0 0 1 1 *")]
    [InlineData("@monthly", "0 0 1 * *")]
    [InlineData("@weekly", "0 0 * * 0")]
    [InlineData("@daily", "0 0 * * *")]
    [InlineData("@midnight", "0 0 * * *")]
    [InlineData("@hourly", "0 * * * *")]
    public void Macros_run_as_their_five_field_equivalents(string macro, string fields)
    {
        var from = Utc(2025, 6, 2, 10, 17);

        Assert.Equal(Runs(fields, from, 3), Runs(macro, from, 3));
    }

    [Fact]
    public void Weekly_runs_at_midnight_between_saturday_and_sunday()
    {
        Assert.Equal(Utc(2025, 6, 8), Parse("@weekly").Next(Utc(2025, 6, 2, 10)));
    }

    [Fact]
    public void The_29th_of_february_runs_only_in_leap_years()
    {
        Assert.Equal(Utc(2028, 2, 29, 12), Parse("0 12 29 2 *").Next(Utc(2024, 3, 1)));
    }

    [Fact]
    public void Previous_gives_the_latest_run_at_or_before_the_given_time()
    {
        var daily = Parse("30 4 * * *");

        Assert.Equal(Utc(2025, 6, 2, 4, 30), daily.Previous(Utc(2025, 6, 2, 10)));
        Assert.Equal(Utc(2025, 6, 1, 4, 30), daily.Previous(Utc(2025, 6, 2, 4, 29, 59)));
        Assert.Equal(Utc(2025, 6, 2, 4, 30), daily.Previous(Utc(2025, 6, 2, 4, 30)));
        Assert.Equal(Utc(2024, 12, 31, 23, 45), Parse("45 23 * * *").Previous(Utc(2025, 1, 1, 0, 10)));
        Assert.Equal(Utc(2024, 2, 29), Parse("0 0 29 2 *").Previous(Utc(2027, 6, 1)));
    }

    [Fact]
    public void Previous_and_next_agree_on_an_irregular_schedule()
    {
        var schedule = Parse("30 6-16/4 * * 1-5");
        var runs = Runs("30 6-16/4 * * 1-5", Utc(2025, 6, 1), 40);

        for (var i = 1; i < runs.Length; i++)
        {
            Assert.Equal(runs[i - 1], schedule.Previous(runs[i].AddSeconds(-1)));
            Assert.Equal(runs[i], schedule.Previous(runs[i]));
        }
    }

    [Fact]
    public void Times_are_read_in_the_time_zone_of_the_cron_job()
    {
        var berlin = Parse("0 9 * * *", "Europe/Berlin");

        Assert.Equal(Utc(2025, 1, 15, 8), berlin.Next(Utc(2025, 1, 15)));
        Assert.Equal(Utc(2025, 7, 15, 7), berlin.Next(Utc(2025, 7, 15)));
        Assert.Equal(Utc(2025, 7, 15, 0), Parse("CRON_TZ=Asia/Tokyo 0 9 * * *").Next(Utc(2025, 7, 14, 12)));
        Assert.Equal(Utc(2025, 7, 15, 0), Parse("TZ=Asia/Tokyo 0 9 * * *").Next(Utc(2025, 7, 14, 12)));
    }

    [Fact]
    public void A_time_inside_the_spring_forward_gap_is_skipped_that_day()
    {
        // New York skips 02:00-03:00 local on 9 March 2025.
        var runs = Runs("30 2 * * *", Utc(2025, 3, 8, 12), 2, "America/New_York");

        Assert.Equal([Utc(2025, 3, 10, 6, 30), Utc(2025, 3, 11, 6, 30)], runs);
    }

    [Fact]
    public void A_time_in_the_repeated_fall_back_hour_runs_at_each_occurrence_as_in_kubernetes()
    {
        // New York repeats 01:00-02:00 local on 2 November 2025 (first EDT, UTC-4, then EST, UTC-5).
        var runs = Runs("30 1 * * *", Utc(2025, 11, 1, 12), 3, "America/New_York");

        Assert.Equal([Utc(2025, 11, 2, 5, 30), Utc(2025, 11, 2, 6, 30), Utc(2025, 11, 3, 6, 30)], runs);
    }

    [Fact]
    public void Daily_runs_keep_their_local_time_across_a_daylight_saving_change()
    {
        var runs = Runs("0 0 * * *", Utc(2025, 3, 29), 3, "Europe/Berlin");

        Assert.Equal([Utc(2025, 3, 29, 23), Utc(2025, 3, 30, 22), Utc(2025, 3, 31, 22)], runs);
        var schedule = Parse("0 0 * * *", "Europe/Berlin");
        Assert.Equal(Utc(2025, 3, 29, 23), schedule.Previous(Utc(2025, 3, 30, 21, 59)));
    }

    [Theory]
    [InlineData("61 * * * *", "minute", "61", "out of range 0-59")]
    [InlineData("* 24 * * *", "hour", "24", "out of range 0-23")]
    [InlineData("* * 0 * *", "day-of-month", "0", "out of range 1-31")]
    [InlineData("* * * 13 *", "month", "13", "out of range 1-12")]
    [InlineData("* * * * 7", "day-of-week", "7", "out of range 0-6")]
    [InlineData("* * * FOO *", "month", "FOO", "\"FOO\" is neither a number 1-12 nor a name")]
    [InlineData("* * * * MON-XYZ", "day-of-week", "MON-XYZ", "\"XYZ\"")]
    [InlineData("*/0 * * * *", "minute", "*/0", "not a positive whole number")]
    [InlineData("*/x * * * *", "minute", "*/x", "not a positive whole number")]
    [InlineData("5-1 * * * *", "minute", "5-1", "starts after it ends")]
    [InlineData("1-2-3 * * * *", "minute", "1-2-3", "more than one '-'")]
    [InlineData("1/2/3 * * * *", "minute", "1/2/3", "more than one '/'")]
    [InlineData("1,,2 * * * *", "minute", "1,,2", "empty list entry")]
    [InlineData("-5 * * * *", "minute", "-5", "missing bound")]
    [InlineData("0 0 31 2 *", "day-of-month", "31", "never runs")]
    [InlineData("0 0 30,31 2 *", "day-of-month", "30,31", "never runs")]
    [InlineData("* * * *", "schedule", "* * * *", "4 fields; a schedule has exactly 5")]
    [InlineData("0 * * * * *", "schedule", "0 * * * * *", "6 fields")]
    [InlineData("@every 5m", "schedule", "@every 5m", "not a known macro")]
    [InlineData("@fortnightly", "schedule", "@fortnightly", "not a known macro")]
    [InlineData("", "schedule", "", "empty")]
    [InlineData("   ", "schedule", "", "empty")]
    [InlineData("TZ=Mars/Olympus 0 * * * *", "schedule", "Mars/Olympus", "not a known IANA time zone")]
    public void An_invalid_schedule_names_the_field_and_the_value_at_fault(string schedule, string field, string value, string problem)
    {
        var result = CronParser.Parse(schedule);

        Assert.Null(result.Schedule);
        Assert.NotNull(result.Error);
        Assert.Equal((field, value), (result.Error!.Field, result.Error.Value));
        Assert.Contains(problem, result.Error.ToString());
    }

    [Theory]
    [InlineData("Mars/Olympus", "not a known IANA time zone")]
    [InlineData("europe/berlin", "write \"Europe/Berlin\"")]
    [InlineData("Local", "not an explicit time zone")]
    [InlineData("", "empty")]
    public void An_unknown_time_zone_is_reported_on_the_time_zone_field(string timeZone, string problem)
    {
        var result = CronParser.Parse("0 * * * *", timeZone);

        Assert.Equal((CronParser.TimeZoneField, timeZone), (result.Error?.Field, result.Error?.Value));
        Assert.Contains(problem, result.Error!.Problem);
    }

    [Fact]
    public void A_time_zone_prefix_and_the_time_zone_field_together_are_rejected()
    {
        var result = CronParser.Parse("TZ=UTC 0 * * * *", "Europe/Berlin");

        Assert.Equal(CronParser.ScheduleField, result.Error?.Field);
        Assert.Contains("keep only spec.timeZone", result.Error!.Problem);
    }

    [Fact]
    public void A_day_that_exists_only_through_the_weekday_field_is_valid()
    {
        // Both day fields restricted: any Monday in February runs, though there is no 30 February.
        Assert.Equal(Utc(2026, 2, 2), Parse("0 0 30 2 MON").Next(Utc(2025, 6, 1)));
    }
}
