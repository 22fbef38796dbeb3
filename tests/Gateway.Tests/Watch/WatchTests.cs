using System.Net;
using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;

namespace GitOps.Gateway.Tests.Watch;

public sealed class WatchTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task Watch_without_resourceVersion_sends_current_objects_as_ADDED_then_changes()
    {
        const string ns = "watch-initial";
        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "a"));
        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "b"));
        await using var watch = await WatchClient.OpenAsync(_client, $"{Objects.PodsPath(ns)}?watch=true");
        Assert.Equal(HttpStatusCode.OK, watch.Response.StatusCode);

        var first = await watch.NextAsync(Wait);
        var second = await watch.NextAsync(Wait);
        Assert.Equal(("ADDED", "a"), (first!.Value.Type, Name(first.Value.Object)));
        Assert.Equal(("ADDED", "b"), (second!.Value.Type, Name(second.Value.Object)));

        await _client.PatchJsonAsync(Objects.PodPath(ns, "a"), JsonNode.Parse("""{"metadata":{"labels":{"v":"2"}}}""")!, "application/merge-patch+json");
        var modified = await watch.NextAsync(Wait);
        Assert.Equal(("MODIFIED", "a"), (modified!.Value.Type, Name(modified.Value.Object)));
        Assert.Equal("2", modified.Value.Object["metadata"]!["labels"]!["v"]!.GetValue<string>());

        await _client.DeleteJsonAsync(Objects.PodPath(ns, "b"));
        var deleted = await watch.NextAsync(Wait);
        Assert.Equal(("DELETED", "b"), (deleted!.Value.Type, Name(deleted.Value.Object)));
    }

    [Fact]
    public async Task Watch_from_a_resourceVersion_sends_exactly_the_changes_after_it()
    {
        const string ns = "watch-resume";
        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "before"));
        var list = await _client.GetJsonAsync(Objects.PodsPath(ns));
        var listVersion = list.Object["metadata"]!["resourceVersion"]!.GetValue<string>();
        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "after-1"));
        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "after-2"));

        await using var watch = await WatchClient.OpenAsync(_client, $"{Objects.PodsPath(ns)}?watch=1&resourceVersion={listVersion}");

        var first = await watch.NextAsync(Wait);
        var second = await watch.NextAsync(Wait);
        Assert.Equal(("ADDED", "after-1"), (first!.Value.Type, Name(first.Value.Object)));
        Assert.Equal(("ADDED", "after-2"), (second!.Value.Type, Name(second.Value.Object)));
        Assert.Null(await watch.NextAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Bookmarks_carry_the_latest_resourceVersion_when_asked_for()
    {
        const string ns = "watch-bookmarks";
        var created = await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "a"));
        var version = Objects.ResourceVersion(created.Object);

        await using var watch = await WatchClient.OpenAsync(_client, $"{Objects.PodsPath(ns)}?watch=true&resourceVersion={version}&allowWatchBookmarks=true");
        var bookmark = await watch.NextMatchingAsync(e => e.Type == "BOOKMARK", Wait);

        Assert.Equal("Pod", bookmark.Object["kind"]!.GetValue<string>());
        Assert.True(long.Parse(Objects.ResourceVersion(bookmark.Object)) >= long.Parse(version));
    }

    [Fact]
    public async Task TimeoutSeconds_ends_the_stream()
    {
        await using var watch = await WatchClient.OpenAsync(_client, $"{Objects.PodsPath("watch-timeout")}?watch=true&timeoutSeconds=1");

        Assert.True(await watch.EndsWithinAsync(Wait));
    }

    [Fact]
    public async Task Selector_watch_sends_DELETED_when_an_object_stops_matching_and_ADDED_when_it_starts()
    {
        const string ns = "watch-selector";
        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "a", new Dictionary<string, string> { ["tier"] = "front" }));
        await using var watch = await WatchClient.OpenAsync(_client, $"{Objects.PodsPath(ns)}?watch=true&labelSelector=tier%3Dfront");
        Assert.Equal("ADDED", (await watch.NextAsync(Wait))!.Value.Type);

        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "other", new Dictionary<string, string> { ["tier"] = "back" }));
        await _client.PatchJsonAsync(Objects.PodPath(ns, "a"), JsonNode.Parse("""{"metadata":{"labels":{"tier":"back"}}}""")!, "application/merge-patch+json");
        var stopped = await watch.NextAsync(Wait);
        Assert.Equal(("DELETED", "a"), (stopped!.Value.Type, Name(stopped.Value.Object)));

        await _client.PatchJsonAsync(Objects.PodPath(ns, "other"), JsonNode.Parse("""{"metadata":{"labels":{"tier":"front"}}}""")!, "application/merge-patch+json");
        var started = await watch.NextAsync(Wait);
        Assert.Equal(("ADDED", "other"), (started!.Value.Type, Name(started.Value.Object)));
    }

    [Fact]
    public async Task Table_watch_events_carry_one_row_tables()
    {
        const string ns = "watch-table";
        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "a"));

        await using var watch = await WatchClient.OpenAsync(_client, $"{Objects.PodsPath(ns)}?watch=true", Api.TableAccept);
        var added = await watch.NextAsync(Wait);

        Assert.Equal("Table", added!.Value.Object["kind"]!.GetValue<string>());
        var row = added.Value.Object["rows"]!.AsArray().Single()!;
        Assert.Equal("a", row["cells"]![0]!.GetValue<string>());
        Assert.Equal(ns, row["object"]!["metadata"]!["namespace"]!.GetValue<string>());
    }

    private static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();
}
