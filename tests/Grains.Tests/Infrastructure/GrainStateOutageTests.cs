using GitOps.Grains.Tests.Support;
using GitOps.Store;
using GitOps.TestSupport;

namespace GitOps.Grains.Tests.Infrastructure;

/// <summary>
/// Orleans' grain storage on a PostgreSQL that is down: a grain reads its state when it activates, before any
/// grain call filter runs, and writes it inside calls. Both fail with <see cref="ResourceStoreUnavailableException"/>
/// (inside Orleans' own exception), which the gateway answers with 503 and Retry-After.
/// </summary>
public sealed class GrainStateOutageTests
{
    [Fact]
    public async Task A_grain_that_reads_its_state_at_activation_while_the_database_is_down_fails_as_the_store_being_unreachable()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = cancellation.Token;
        await using var postgres = await LocalPostgresServer.StartAsync(durable: false, ct);
        await using var host = await ControllerTestHost.StartAsync(postgres: postgres.AdminConnectionString);
        var written = host.Grains.GetGrain<IStatefulProbeGrain>("written");
        await written.WriteAsync("before the outage");
        var activated = host.Grains.GetGrain<IStatefulProbeGrain>("activated");

        await postgres.StopAsync(immediate: true, ct);
        var activation = await Assert.ThrowsAnyAsync<Exception>(activated.ReadAsync);
        var write = await Assert.ThrowsAnyAsync<Exception>(() => written.WriteAsync("during the outage"));
        await postgres.StartAsync(ct);

        Assert.True(ResourceStoreUnavailableException.FindIn(activation)?.Message.Contains("unreachable", StringComparison.Ordinal) == true, activation.ToString());
        Assert.True(ResourceStoreUnavailableException.FindIn(write) is not null, write.ToString());
        // Nothing stays broken: once the database is back, the grain that could not activate does.
        await ControllerTestHost.EventuallyAsync(() => ActivatesAsync(activated), done => done, "the grain activates once the database is back", TimeSpan.FromSeconds(60));
    }

    private static async Task<bool> ActivatesAsync(IStatefulProbeGrain grain)
    {
        try
        {
            return await grain.ReadAsync() is null;
        }
        catch (Exception e) when (ResourceStoreUnavailableException.FindIn(e) is not null)
        {
            return false;
        }
    }
}
