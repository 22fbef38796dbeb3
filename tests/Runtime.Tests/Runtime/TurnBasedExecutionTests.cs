using GitOps.Runtime.Tests.Grains;
using GitOps.Runtime.Tests.Support;

namespace GitOps.Runtime.Tests.Runtime;

public sealed class TurnBasedExecutionTests
{
    [Fact]
    public async Task A_second_call_waits_until_the_first_call_of_the_same_activation_finishes()
    {
        var probe = new TestProbe();
        await using var host = await TestRuntime.StartMemoryAsync(probe);
        var grain = host.GrainFactory.GetGrain<ITestGrain>("a");

        var first = grain.HoldAsync("first", "gate-1", CancellationToken.None);
        await probe.WaitUntilAsync(p => p.Count("a:enter:first") == 1, "the first call to start");
        var second = grain.HoldAsync("second", "gate-2", CancellationToken.None);
        probe.Open("gate-2");
        await Task.Delay(200);

        Assert.DoesNotContain("a:enter:second", probe.Events);
        Assert.False(second.IsCompleted);

        probe.Open("gate-1");
        await Task.WhenAll(first, second).WaitAsync(TestProbe.Timeout);
        Assert.Equal(["a:activate", "a:enter:first", "a:exit:first", "a:enter:second", "a:exit:second"], probe.Events);
    }

    [Fact]
    public async Task Calls_to_different_activations_run_at_the_same_time()
    {
        var probe = new TestProbe();
        await using var host = await TestRuntime.StartMemoryAsync(probe);

        var calls = Enumerable.Range(0, 4)
            .Select(i => host.GrainFactory.GetGrain<ITestGrain>($"p{i}").HoldAsync("work", "all-entered", CancellationToken.None))
            .ToList();
        await probe.WaitUntilAsync(p => Enumerable.Range(0, 4).All(i => p.Count($"p{i}:enter:work") == 1), "all four grains to be inside a call at once");
        probe.Open("all-entered");

        await Task.WhenAll(calls).WaitAsync(TestProbe.Timeout);
    }

    [Fact]
    public async Task Calls_to_one_activation_run_in_arrival_order()
    {
        var probe = new TestProbe();
        await using var host = await TestRuntime.StartMemoryAsync(probe);
        var grain = host.GrainFactory.GetGrain<ITestGrain>("order");

        var blocker = grain.HoldAsync("blocker", "order-gate", CancellationToken.None);
        var sums = Enumerable.Range(1, 50).Select(i => grain.AddAsync(i, CancellationToken.None).AsTask()).ToList();
        probe.Open("order-gate");
        await blocker.WaitAsync(TestProbe.Timeout);
        var results = await Task.WhenAll(sums).WaitAsync(TestProbe.Timeout);

        Assert.Equal(Enumerable.Range(1, 50).Select(n => n * (n + 1) / 2), results);
    }

    [Fact]
    public async Task One_activation_serves_every_reference_to_the_same_key()
    {
        var probe = new TestProbe();
        await using var host = await TestRuntime.StartMemoryAsync(probe);

        var ids = await Task.WhenAll(Enumerable.Range(0, 100)
            .Select(_ => host.GrainFactory.GetGrain<ITestGrain>("shared").GetActivationIdAsync(CancellationToken.None)));

        Assert.Single(ids.Distinct());
        Assert.Equal(1, probe.Count("shared:activate"));
    }
}
