using GitOps.Runtime.Tests.Grains;
using GitOps.Runtime.Tests.Support;

namespace GitOps.Runtime.Tests.Runtime;

public sealed class ActivationLifecycleTests
{
    [Fact]
    public async Task An_exception_reaches_the_caller_and_the_activation_survives()
    {
        var probe = new TestProbe();
        await using var host = await TestRuntime.StartMemoryAsync(probe);
        var grain = host.GrainFactory.GetGrain<ITestGrain>("faulty");
        var before = await grain.GetActivationIdAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.FailAsync("boom", CancellationToken.None));

        Assert.Equal("boom", error.Message);
        Assert.Equal(before, await grain.GetActivationIdAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_one_way_call_returns_before_the_grain_runs_it()
    {
        var probe = new TestProbe();
        await using var host = await TestRuntime.StartMemoryAsync(probe);
        var grain = host.GrainFactory.GetGrain<ITestGrain>("oneway");

        await grain.NotifyAsync("note", "oneway-gate", CancellationToken.None).WaitAsync(TestProbe.Timeout);
        await probe.WaitUntilAsync(p => p.Count("oneway:enter:note") == 1, "the one-way call to start");
        Assert.DoesNotContain("oneway:exit:note", probe.Events);

        probe.Open("oneway-gate");
        await probe.WaitUntilAsync(p => p.Count("oneway:exit:note") == 1, "the one-way call to finish");
    }

    [Fact]
    public async Task An_idle_activation_is_deactivated_and_the_next_call_creates_a_new_one()
    {
        var probe = new TestProbe();
        await using var host = await TestRuntime.StartMemoryAsync(probe, options =>
        {
            options.CollectionAge = TimeSpan.FromMilliseconds(200);
            options.CollectionInterval = TimeSpan.FromMilliseconds(100);
        });
        var grain = host.GrainFactory.GetGrain<ITestGrain>("idle");
        var first = await grain.GetActivationIdAsync(CancellationToken.None);

        await probe.WaitUntilAsync(p => p.Count("idle:deactivate:Idle") == 1, "idle deactivation");
        await probe.WaitUntilAsync(_ => host.Runtime.ActivationCount == 0, "the activation to leave the catalog");
        var second = await grain.GetActivationIdAsync(CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.Equal(2, probe.Count("idle:activate"));
    }

    [Fact]
    public async Task A_call_arriving_during_deactivation_runs_on_a_fresh_activation_after_it()
    {
        var probe = new TestProbe();
        await using var host = await TestRuntime.StartMemoryAsync(probe);
        probe.HoldDeactivation("moving");
        var grain = host.GrainFactory.GetGrain<ITestGrain>("moving");
        var first = await grain.GetActivationIdAsync(CancellationToken.None);

        await grain.DeactivateAsync(CancellationToken.None);
        await probe.WaitUntilAsync(p => p.Count("moving:deactivate:Requested") == 1, "deactivation to start");
        var during = grain.GetActivationIdAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(during.IsCompleted);

        probe.Open("moving:deactivate");
        var second = await during.WaitAsync(TestProbe.Timeout);

        Assert.NotEqual(first, second);
        var events = probe.Events.ToList();
        Assert.True(events.IndexOf("moving:deactivated") < events.LastIndexOf("moving:activate"), string.Join(", ", events));
    }

    [Fact]
    public async Task Calls_queued_behind_a_deactivating_turn_are_not_lost()
    {
        var probe = new TestProbe();
        await using var host = await TestRuntime.StartMemoryAsync(probe);
        var grain = host.GrainFactory.GetGrain<ITestGrain>("queued");

        var hold = grain.HoldAsync("hold", "queued-gate", CancellationToken.None);
        await probe.WaitUntilAsync(p => p.Count("queued:enter:hold") == 1, "the holding call to start");
        var deactivate = grain.DeactivateAsync(CancellationToken.None);
        var sums = Enumerable.Range(1, 10).Select(i => grain.AddAsync(i, CancellationToken.None).AsTask()).ToList();
        probe.Open("queued-gate");

        await Task.WhenAll(hold, deactivate).WaitAsync(TestProbe.Timeout);
        var results = await Task.WhenAll(sums).WaitAsync(TestProbe.Timeout);
        Assert.Equal(Enumerable.Range(1, 10).Select(n => n * (n + 1) / 2), results);
        Assert.Equal(2, probe.Count("queued:activate"));
    }

    [Fact]
    public async Task A_grain_timer_ticks_as_turns_of_its_activation()
    {
        var probe = new TestProbe();
        await using var host = await TestRuntime.StartMemoryAsync(probe);
        var grain = host.GrainFactory.GetGrain<ITestGrain>("timer");

        await grain.StartTimerAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None);

        await probe.WaitUntilAsync(p => p.Count("timer:tick") >= 3, "three timer ticks");
    }

    [Fact]
    public async Task Stopping_the_runtime_deactivates_every_activation_and_rejects_later_calls()
    {
        var probe = new TestProbe();
        var host = await TestRuntime.StartMemoryAsync(probe);
        await host.GrainFactory.GetGrain<ITestGrain>("s1").GetActivationIdAsync(CancellationToken.None);
        await host.GrainFactory.GetGrain<ITestGrain>("s2").GetActivationIdAsync(CancellationToken.None);

        await host.StopAsync();

        Assert.Equal(1, probe.Count("s1:deactivate:ShuttingDown"));
        Assert.Equal(1, probe.Count("s2:deactivate:ShuttingDown"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.GrainFactory.GetGrain<ITestGrain>("s1").GetActivationIdAsync(CancellationToken.None));
        await host.DisposeAsync();
    }

    [Fact]
    public async Task A_grain_interface_without_a_registered_class_is_reported_with_what_to_do()
    {
        await using var host = await GrainRuntimeHost.StartAsync(_ => { });

        var error = Assert.Throws<InvalidOperationException>(() => host.GrainFactory.GetGrain<ITestGrain>("x"));

        Assert.Contains("AddGrainsFrom", error.Message);
        Assert.Contains(nameof(ITestGrain), error.Message);
    }

    [Fact]
    public async Task A_one_way_method_that_returns_a_value_is_rejected_naming_the_method()
    {
        await using var host = await TestRuntime.StartMemoryAsync(new TestProbe());

        var error = Assert.Throws<InvalidOperationException>(() => host.GrainFactory.GetGrain<IInvalidOneWayGrain>("x"));

        Assert.Contains($"{nameof(IInvalidOneWayGrain)}.{nameof(IInvalidOneWayGrain.CountAsync)}", error.Message);
    }

    [Fact]
    public async Task Invalid_options_are_rejected_at_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => GrainRuntimeHost.StartAsync(b => b.Configure(o => o.ShardCount = 0)));

        Assert.Contains("GrainRuntimeOptions.ShardCount", error.Message);
    }
}
