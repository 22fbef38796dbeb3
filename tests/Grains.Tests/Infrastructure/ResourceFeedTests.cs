using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Objects;
using GitOps.Store;
using GitOps.Store.Memory;

namespace GitOps.Grains.Tests.Infrastructure;

public sealed class ResourceFeedTests
{
    private static readonly ResourceType ConfigMaps = new("", "ConfigMap");

    [Fact]
    public async Task The_feed_lists_first_then_hands_over_each_later_change_once_in_order()
    {
        var store = new MemoryResourceStore();
        await WriteAsync(store, ResourceWrite.Create(ConfigMap("a", "1")));
        var feed = new ResourceFeed(store, [ConfigMaps]);
        var seen = new List<string>();

        await feed.SyncAsync(c => seen.Add(Describe(c)), CancellationToken.None);
        var b = await WriteAsync(store, ResourceWrite.Create(ConfigMap("b", "1")));
        await WriteAsync(store, ResourceWrite.Update(ConfigMap("b", "2")));
        await WriteAsync(store, ResourceWrite.Create(new KubeObject("v1", "Secret", "default", "ignored")));
        await WriteAsync(store, ResourceWrite.Delete(ResourceKey.Of(b)));
        await feed.SyncAsync(c => seen.Add(Describe(c)), CancellationToken.None);
        await feed.SyncAsync(c => seen.Add(Describe(c)), CancellationToken.None);

        Assert.Equal(["Upserted a=1", "Upserted b=1", "Upserted b=2", "Deleted b"], seen);
        Assert.Equal(await store.GetCurrentResourceVersionAsync(CancellationToken.None), feed.ResourceVersion);
    }

    [Fact]
    public async Task When_the_change_log_expired_the_feed_relists_and_reports_what_vanished()
    {
        var store = new MemoryResourceStore();
        var a = await WriteAsync(store, ResourceWrite.Create(ConfigMap("a", "1")));
        var feed = new ResourceFeed(store, [ConfigMaps]);
        await feed.SyncAsync(_ => { }, CancellationToken.None);
        await WriteAsync(store, ResourceWrite.Delete(ResourceKey.Of(a)));
        await WriteAsync(store, ResourceWrite.Create(ConfigMap("c", "1")));
        await store.CompactAsync(TimeSpan.Zero, 0, CancellationToken.None);
        await WriteAsync(store, ResourceWrite.Create(ConfigMap("d", "1")));

        var seen = new List<string>();
        await feed.SyncAsync(c => seen.Add(Describe(c)), CancellationToken.None);

        Assert.Equal(["Deleted a", "Upserted c=1", "Upserted d=1"], seen.Order());
    }

    private static async Task<KubeObject> WriteAsync(IResourceStore store, ResourceWrite write)
    {
        var result = await store.WriteAsync(write, CancellationToken.None);
        Assert.True(result.Succeeded, $"{write.Kind} {write.Key}: {result.Outcome}");
        return result.Object!;
    }

    private static KubeObject ConfigMap(string name, string value)
    {
        var obj = new KubeObject("v1", "ConfigMap", "default", name);
        obj.Root["data"] = new System.Text.Json.Nodes.JsonObject { ["v"] = value };
        return obj;
    }

    private static string Describe(FeedChange change) =>
        change.Kind == FeedChangeKind.Deleted
            ? $"Deleted {change.Key.Name}"
            : $"Upserted {change.Key.Name}={change.Object!.Root["data"]!["v"]}";
}
