using System.Text.Json.Nodes;
using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Tests.Support;
using GitOps.Model.Json;
using GitOps.Model.Objects;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Grains.Tests.Infrastructure;

public sealed class EventExpiryTests
{
    private static KubeObject Event(string name, DateTimeOffset last)
    {
        var evt = new KubeObject("v1", "Event", "default", name);
        evt.Root["involvedObject"] = new JsonObject { ["kind"] = "Pod", ["name"] = "web-1", ["namespace"] = "default" };
        evt.Root["reason"] = "Scheduled";
        evt.Root.SetTime("firstTimestamp", last);
        evt.Root.SetTime("lastTimestamp", last);
        return evt;
    }

    [Fact]
    public async Task A_sweep_deletes_events_last_seen_before_the_ttl_and_keeps_recent_ones()
    {
        await using var host = await ControllerTestHost.StartAsync(options => options.EventTtl = TimeSpan.FromHours(1));
        var now = DateTimeOffset.UtcNow;
        await host.CreateAsync(Event("old", now.AddHours(-2)));
        await host.CreateAsync(Event("recent", now.AddMinutes(-5)));

        var deleted = await host.Services.GetRequiredService<EventExpiry>().SweepAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Equal(["recent"], (await host.ListAsync("", "Event")).Select(e => e.Metadata.Name));
    }
}
