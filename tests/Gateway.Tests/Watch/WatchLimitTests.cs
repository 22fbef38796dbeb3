using System.Net;
using GitOps.Gateway.Tests.Infrastructure;
using GitOps.Gateway.Watch;
using GitOps.Model.Objects;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Gateway.Tests.Watch;

/// <summary>Watches at the edges of the cache: a ring of 5 events and watcher queues of 3.</summary>
public sealed class WatchLimitTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private GatewayHost? _host;

    private GatewayHost Host => _host!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Gateway:WatchCacheCapacity"] = "5",
        ["Gateway:WatcherBufferSize"] = "3",
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task Resuming_older_than_the_ring_reads_the_change_log_and_a_compacted_version_gets_one_410_ERROR_event()
    {
        const string ns = "limits-resume";
        var first = await Host.Client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "p0"));
        var from = Objects.ResourceVersion(first.Object);
        for (var i = 1; i <= 8; i++)
            await Host.Client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, $"p{i}"));

        await using (var resumed = await WatchClient.OpenAsync(Host.Client, $"{Objects.PodsPath(ns)}?watch=true&resourceVersion={from}"))
        {
            for (var i = 1; i <= 8; i++)
            {
                var next = await resumed.NextAsync(Wait);
                Assert.Equal(("ADDED", $"p{i}"), (next!.Value.Type, next.Value.Object["metadata"]!["name"]!.GetValue<string>()));
            }
        }

        await Host.Store.CompactAsync(TimeSpan.Zero, 0, CancellationToken.None);
        await using var expired = await WatchClient.OpenAsync(Host.Client, $"{Objects.PodsPath(ns)}?watch=true&resourceVersion={from}");
        Assert.Equal(HttpStatusCode.OK, expired.Response.StatusCode);
        var error = await expired.NextAsync(Wait);
        Assert.Equal("ERROR", error!.Value.Type);
        Assert.Equal(410, error.Value.Object["code"]!.GetValue<int>());
        Assert.Equal("Expired", error.Value.Object["reason"]!.GetValue<string>());
        Assert.True(await expired.EndsWithinAsync(Wait));
    }

    [Fact]
    public async Task A_watcher_that_falls_behind_is_closed_without_holding_back_the_others()
    {
        const string ns = "limits-slow";
        var cache = Host.Services.GetRequiredService<WatchCache>();
        var start = cache.Head;
        using var slow = await cache.SubscribeAsync(new ResourceType("", "Pod"), ns, start, CancellationToken.None);
        using var reader = await cache.SubscribeAsync(new ResourceType("", "Pod"), ns, start, CancellationToken.None);

        var received = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            // One write at a time, each read before the next: the reading watcher never holds more than one event.
            await Host.Client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, $"p{i}"));
            using var timeout = new CancellationTokenSource(Wait);
            var cached = await reader.Reader.ReadAsync(timeout.Token);
            received.Add(cached.Change.Object.Metadata.Name!);
        }

        Assert.True(slow.Overflowed);
        Assert.False(reader.Overflowed);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"p{i}"), received);
    }

    [Fact]
    public async Task When_the_cache_loses_the_log_every_open_watch_gets_one_410_and_new_watches_are_served()
    {
        const string ns = "limits-restart";
        var cache = Host.Services.GetRequiredService<WatchCache>();
        var from = cache.Head;
        var watches = new List<WatchClient>();
        try
        {
            for (var i = 0; i < 3; i++)
                watches.Add(await WatchClient.OpenAsync(Host.Client, $"{Objects.PodsPath(ns)}?watch=true&resourceVersion={from}"));
            await Host.Client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "before"));
            foreach (var watch in watches)
                Assert.Equal("before", (await watch.NextAsync(Wait))!.Value.Object["metadata"]!["name"]!.GetValue<string>());

            // The cache lost the log under its watchers: each may have missed events and must list again.
            cache.OnExpired(cache.Head, cache.Head);
            foreach (var watch in watches)
            {
                var error = await watch.NextAsync(Wait);
                Assert.Equal(("ERROR", 410), (error!.Value.Type, error.Value.Object["code"]!.GetValue<int>()));
                Assert.True(await watch.EndsWithinAsync(Wait));
            }
        }
        finally
        {
            foreach (var watch in watches)
                await watch.DisposeAsync();
        }

        await using var fresh = await WatchClient.OpenAsync(Host.Client, $"{Objects.PodsPath(ns)}?watch=true&resourceVersion={cache.Head}");
        await Host.Client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "after"));
        var next = await fresh.NextAsync(Wait);
        Assert.Equal(("ADDED", "after"), (next!.Value.Type, next.Value.Object["metadata"]!["name"]!.GetValue<string>()));
    }
}
