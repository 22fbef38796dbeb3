using GitOps.Gateway.Tests.Infrastructure;
using GitOps.Gateway.Watch;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Gateway.Tests.Watch;

/// <summary>The watch cache bounded in bytes: a ring of at most 4 KiB of serialized objects, whatever its event capacity.</summary>
public sealed class WatchCacheBytesTests : IAsyncLifetime
{
    private const long MaxBytes = 4096;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private GatewayHost? _host;

    private GatewayHost Host => _host!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Gateway:WatchCacheCapacity"] = "100000",
        ["Gateway:WatchCacheMaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task The_ring_evicts_its_oldest_events_by_size_and_a_watch_from_an_evicted_version_still_gets_every_change()
    {
        const string ns = "cache-bytes";
        var cache = Host.Services.GetRequiredService<WatchCache>();
        var first = await Host.Client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "p0"));
        var from = Objects.ResourceVersion(first.Object);
        const int pods = 30;
        for (var i = 1; i <= pods; i++)
            await Host.Client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, $"p{i}"));

        var deadline = DateTime.UtcNow + Wait;
        while (cache.Head < long.Parse(Objects.ResourceVersion((await Host.Client.GetJsonAsync(Objects.PodPath(ns, $"p{pods}"))).Object), System.Globalization.CultureInfo.InvariantCulture))
        {
            Assert.True(DateTime.UtcNow < deadline, "the watch cache did not reach the last write");
            await Task.Delay(20);
        }
        var (events, bytes) = cache.RingSize;
        Assert.InRange(bytes, 1, MaxBytes);
        Assert.InRange(events, 1, pods - 1);

        await using var resumed = await WatchClient.OpenAsync(Host.Client, $"{Objects.PodsPath(ns)}?watch=true&resourceVersion={from}");
        for (var i = 1; i <= pods; i++)
        {
            var next = await resumed.NextAsync(Wait);
            Assert.Equal(("ADDED", $"p{i}"), (next!.Value.Type, next.Value.Object["metadata"]!["name"]!.GetValue<string>()));
        }
    }
}
