using System.Text.Json.Nodes;
using GitOps.Grains.Hosting;
using GitOps.Grains.Resources;
using GitOps.Grains.Tests.Workloads;
using GitOps.Model.Objects;
using GitOps.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

namespace GitOps.Grains.Tests.Resources;

/// <summary>The resource grain takes every write time from the injected clock, so one clock serves the whole silo.</summary>
public sealed class ResourceGrainClockTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2031, 5, 4, 10, 0, 0, TimeSpan.Zero);
    private readonly CronJobTestClock _clock = new(Start);
    private IHost? _host;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.AddStoreAndGrainRuntime(null, TestCluster.UseFreePorts);
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host!.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task Creation_deletion_and_managedFields_times_come_from_the_injected_clock()
    {
        var grains = _host!.Services.GetRequiredService<IGrainFactory>();
        var map = new KubeObject("v1", "ConfigMap", "default", "settings");
        map.Root["data"] = new JsonObject { ["mode"] = "fast" };
        map.Metadata.SetFinalizers(["example.com/keep"]);
        var grain = grains.GetGrain<IResourceGrain>(ResourceKey.Of(map).ToString());

        var created = await grain.ApplyAsync(new ApplyRequest(map, "ops"), CancellationToken.None);
        _clock.Set(Start.AddHours(1));
        var deleting = await grain.DeleteAsync(new DeleteRequest(), CancellationToken.None);

        Assert.Equal(Start, created.Object!.Metadata.CreationTimestamp);
        Assert.Equal("2031-05-04T10:00:00Z", created.Object.Metadata.Node["managedFields"]![0]!["time"]!.GetValue<string>());
        Assert.Equal(ResourceOutcome.DeletionPending, deleting.Outcome);
        Assert.Equal(Start.AddHours(1), deleting.Object!.Metadata.DeletionTimestamp);
    }
}
