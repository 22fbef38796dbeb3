using CsCheck;
using GitOps.Grains.Controllers.Workloads.CronJobs.Schedules;
using GitOps.TestSupport.Fuzzing;

namespace GitOps.Grains.Tests.Workloads;

/// <summary>CronJob schedules parse to a schedule whose next run can be computed, or to a ScheduleError; they never throw.</summary>
public sealed class CronParserFuzzTests
{
    private static readonly string[] Tokens =
    [
        "*", " ", "*/5", "/", ",", "-", "0", "1", "7", "12", "23", "31", "59", "60", "99999999999", "?", "L", "W", "#", "H", "jan", "DEC", "mon",
        "SUN", "@hourly", "@daily", "@weekly", "@reboot", "@", "TZ=", "CRON_TZ=", "UTC", "Europe/Paris", "Nowhere/Zone", "../../etc",
    ];

    private static readonly string?[] Zones = [null, "UTC", "Europe/Paris", "America/New_York", "", "Nowhere/Zone", "../x", "\0"];

    [Fact]
    public void Any_schedule_parses_to_one_whose_runs_can_be_computed_or_to_a_schedule_error()
    {
        var start = new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);
        Gen.Select(FuzzText.Of(Tokens, maxParts: 14), Gen.OneOf(Zones)).Sample((schedule, zone) =>
        {
            var result = CronParser.Parse(schedule, zone);
            if (result.Schedule is { } parsed)
            {
                parsed.Next(start);
                parsed.Previous(start);
            }
            else if (result.Error is null || string.IsNullOrWhiteSpace(result.Error.Problem))
            {
                throw new InvalidOperationException($"'{schedule}' in zone '{zone}' gave neither a schedule nor an error with a message");
            }
        }, iter: 5_000);
    }
}
