using GitOps.Runtime.Tests.Grains;
using GitOps.Runtime.Tests.Support;
using GitOps.TestSupport;

namespace GitOps.Runtime.Tests.Runtime;

public sealed class PersistentStateTests
{
    [Fact]
    public async Task State_is_loaded_before_the_first_call_of_a_new_activation()
    {
        var probe = new TestProbe();
        await using var host = await TestRuntime.StartMemoryAsync(probe);
        var counter = host.GrainFactory.GetGrain<ICounterGrain>("c");
        await counter.IncrementAsync(CancellationToken.None);
        await counter.IncrementAsync(CancellationToken.None);

        await host.GrainFactory.GetGrain<ITestGrain>("unrelated").GetActivationIdAsync(CancellationToken.None);
        Assert.Equal(2, await counter.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task State_survives_a_restart_against_PostgreSQL()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("runtime_state");
        var probe = new TestProbe();
        await using (var first = await TestRuntime.StartPostgreSqlAsync(probe, connectionString))
        {
            var counter = first.GrainFactory.GetGrain<ICounterGrain>("durable");
            for (var i = 0; i < 3; i++)
                await counter.IncrementAsync(CancellationToken.None);
        }

        await using var second = await TestRuntime.StartPostgreSqlAsync(probe, connectionString);
        var reloaded = second.GrainFactory.GetGrain<ICounterGrain>("durable");

        Assert.Equal(3, await reloaded.GetAsync(CancellationToken.None));
        Assert.Equal(4, await reloaded.IncrementAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_stale_write_fails_with_a_conflict_and_the_next_call_reloads_fresh_state()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("runtime_conflict");
        var probe = new TestProbe();
        // Two silos that both believe they own every shard: two activations of one grain.
        await using var siloA = await TestRuntime.StartPostgreSqlAsync(probe, connectionString, o => o.SiloId = "silo-a");
        await using var siloB = await TestRuntime.StartPostgreSqlAsync(probe, connectionString, o => o.SiloId = "silo-b");
        var onA = siloA.GrainFactory.GetGrain<ICounterGrain>("contended");
        var onB = siloB.GrainFactory.GetGrain<ICounterGrain>("contended");
        Assert.Equal(0, await onA.GetAsync(CancellationToken.None));
        Assert.Equal(0, await onB.GetAsync(CancellationToken.None));
        var activationOnA = await onA.GetActivationIdAsync(CancellationToken.None);

        Assert.Equal(1, await onB.IncrementAsync(CancellationToken.None));
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => onA.IncrementAsync(CancellationToken.None));

        Assert.Contains("contended", conflict.Message);
        Assert.NotEqual(activationOnA, await onA.GetActivationIdAsync(CancellationToken.None));
        Assert.Equal(1, await onA.GetAsync(CancellationToken.None));
        Assert.Equal(2, await onA.IncrementAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_cleared_state_starts_again_from_its_default()
    {
        var probe = new TestProbe();
        await using var host = await TestRuntime.StartMemoryAsync(probe);
        var counter = host.GrainFactory.GetGrain<ICounterGrain>("cleared");
        await counter.IncrementAsync(CancellationToken.None);

        await counter.ClearAsync(CancellationToken.None);

        Assert.Equal(0, await counter.GetAsync(CancellationToken.None));
        Assert.Equal(1, await counter.IncrementAsync(CancellationToken.None));
    }
}
