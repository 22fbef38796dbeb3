using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Tests.Support;
using GitOps.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Grains.Tests.Infrastructure;

/// <summary>Notifications that reach a controller while PostgreSQL is down are not lost: the controller runs once it is back.</summary>
public sealed class ControllerOutageTests
{
    [Fact]
    public async Task A_controller_first_notified_while_the_database_is_down_reconciles_once_it_is_back()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = cancellation.Token;
        await using var postgres = await LocalPostgresServer.StartAsync(durable: false, ct);
        await using var host = await ControllerTestHost.StartAsync(
            postgres: postgres.AdminConnectionString,
            configureServices: services => services.AddSingleton<IControllerWatch, CountingWatch>());
        var counter = host.Grains.GetGrain<ICountingControllerGrain>("counter");

        // The controller has never run: its first activation (which registers its resync reminder) meets the outage.
        await postgres.StopAsync(immediate: true, ct);
        await counter.NotifyAsync(1, ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        await postgres.StartAsync(ct);

        // Nothing changes after the outage, so only the notification sent during it can make the controller run.
        await ControllerTestHost.EventuallyAsync(
            () => counter.GetCountsAsync(ct), c => c.Reconciles >= 1,
            "the controller notified during the outage has reconciled", TimeSpan.FromSeconds(60));
    }
}
