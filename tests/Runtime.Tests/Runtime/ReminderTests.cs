using GitOps.Runtime.Tests.Grains;
using GitOps.Runtime.Tests.Support;
using GitOps.TestSupport;

namespace GitOps.Runtime.Tests.Runtime;

public sealed class ReminderTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_reminder_fires_on_schedule_and_stops_when_unregistered()
    {
        var probe = new TestProbe();
        await using var host = await TestRuntime.StartMemoryAsync(probe);
        var grain = host.GrainFactory.GetGrain<IReminderTestGrain>("r");

        await grain.RegisterAsync("tick", TimeSpan.Zero, Period, CancellationToken.None);
        await probe.WaitUntilAsync(p => p.Count("r:reminder:tick") >= 3, "three reminder ticks");
        await grain.UnregisterAsync("tick", CancellationToken.None);

        Assert.False(await grain.HasReminderAsync("tick", CancellationToken.None));
        var afterUnregister = probe.Count("r:reminder:tick");
        await Task.Delay(Period * 4);
        Assert.InRange(probe.Count("r:reminder:tick"), afterUnregister, afterUnregister + 1);
    }

    [Fact]
    public async Task A_reminder_activates_a_grain_that_was_deactivated()
    {
        var probe = new TestProbe();
        await using var host = await TestRuntime.StartMemoryAsync(probe, options =>
        {
            options.CollectionAge = TimeSpan.FromMilliseconds(100);
            options.CollectionInterval = TimeSpan.FromMilliseconds(50);
        });
        var grain = host.GrainFactory.GetGrain<IReminderTestGrain>("sleeper");

        await grain.RegisterAsync("wake", TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(30), CancellationToken.None);
        await probe.WaitUntilAsync(_ => host.Runtime.ActivationCount == 0, "the grain to be deactivated as idle");

        await probe.WaitUntilAsync(p => p.Count("sleeper:reminder:wake") == 1, "the reminder to wake the grain");
    }

    [Fact]
    public async Task A_period_below_the_configured_minimum_is_refused_naming_the_setting()
    {
        var probe = new TestProbe();
        await using var host = await TestRuntime.StartMemoryAsync(probe);
        var grain = host.GrainFactory.GetGrain<IReminderTestGrain>("fast");

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => grain.RegisterAsync("too-fast", TimeSpan.Zero, TimeSpan.FromMilliseconds(10), CancellationToken.None));

        Assert.Contains("MinimumReminderPeriod", error.Message);
    }

    [Fact]
    public async Task A_reminder_survives_a_runtime_restart_against_PostgreSQL()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("runtime_reminders");
        var probe = new TestProbe();
        await using (var first = await TestRuntime.StartPostgreSqlAsync(probe, connectionString))
        {
            await first.GrainFactory.GetGrain<IReminderTestGrain>("durable")
                .RegisterAsync("resync", TimeSpan.FromHours(1), TimeSpan.FromHours(1), CancellationToken.None);
        }
        Assert.Equal(0, probe.Count("durable:reminder:resync"));

        // Registered with a due time that has not come: after the restart it is loaded and waits.
        // A reminder whose due time passed while no runtime ran fires once at start.
        await using (var second = await TestRuntime.StartPostgreSqlAsync(probe, connectionString))
        {
            Assert.True(await second.GrainFactory.GetGrain<IReminderTestGrain>("durable").HasReminderAsync("resync", CancellationToken.None));
            await second.GrainFactory.GetGrain<IReminderTestGrain>("missed")
                .RegisterAsync("resync", TimeSpan.FromMilliseconds(300), TimeSpan.FromHours(1), CancellationToken.None);
        }
        Assert.Equal(0, probe.Count("missed:reminder:resync"));
        await Task.Delay(400);

        await using var third = await TestRuntime.StartPostgreSqlAsync(probe, connectionString);
        await probe.WaitUntilAsync(p => p.Count("missed:reminder:resync") == 1, "the missed reminder to fire after the restart");
        Assert.Equal(0, probe.Count("durable:reminder:resync"));
    }

    [Fact]
    public async Task A_periodic_reminder_keeps_firing_after_a_restart_against_PostgreSQL()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("runtime_reminders_periodic");
        var probe = new TestProbe();
        await using (var first = await TestRuntime.StartPostgreSqlAsync(probe, connectionString))
        {
            await first.GrainFactory.GetGrain<IReminderTestGrain>("periodic")
                .RegisterAsync("tick", TimeSpan.FromMilliseconds(100), Period, CancellationToken.None);
            await probe.WaitUntilAsync(p => p.Count("periodic:reminder:tick") >= 1, "a tick before the restart");
        }
        var beforeRestart = probe.Count("periodic:reminder:tick");

        await using var second = await TestRuntime.StartPostgreSqlAsync(probe, connectionString);

        await probe.WaitUntilAsync(p => p.Count("periodic:reminder:tick") >= beforeRestart + 3, "ticks after the restart");
    }
}
