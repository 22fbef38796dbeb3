using GitOps.Gateway.Tests.Infrastructure;
using GitOps.Gateway.Watch;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Gateway.Tests.Watch;

/// <summary>The watch cache keeps a time window of events: with a window of 1 s, what was written before a pause is evicted by the next write.</summary>
public sealed class WatchCacheWindowTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private GatewayHost? _host;

    private GatewayHost Host => _host!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Gateway:WatchCacheWindowSeconds"] = "1",
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task Events_older_than_the_window_leave_the_ring_and_a_watch_from_before_reads_them_from_the_change_log()
    {
        const string ns = "cache-window";
        var cache = Host.Services.GetRequiredService<WatchCache>();
        var first = await Host.Client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "before-0"));
        var from = Objects.ResourceVersion(first.Object);
        for (var i = 1; i < 5; i++)
            await Host.Client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, $"before-{i}"));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var last = await Host.Client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "after"));
        var deadline = DateTime.UtcNow + Wait;
        while (cache.Head < long.Parse(Objects.ResourceVersion(last.Object), System.Globalization.CultureInfo.InvariantCulture))
        {
            Assert.True(DateTime.UtcNow < deadline, "the watch cache did not reach the last write");
            await Task.Delay(20);
        }
        // Five events were written before the pause: a ring that kept them would hold six or more.
        Assert.InRange(cache.RingSize.Events, 1, 5);

        await using var resumed = await WatchClient.OpenAsync(Host.Client, $"{Objects.PodsPath(ns)}?watch=true&resourceVersion={from}");
        foreach (var name in new[] { "before-1", "before-2", "before-3", "before-4", "after" })
        {
            var next = await resumed.NextAsync(Wait);
            Assert.Equal(("ADDED", name), (next!.Value.Type, next.Value.Object["metadata"]!["name"]!.GetValue<string>()));
        }
    }
}
