using System.Net;
using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;

namespace GitOps.Gateway.Tests.Resources;

public sealed class ListTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task Label_selector_returns_only_matching_objects()
    {
        const string ns = "list-labels";
        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "a", new Dictionary<string, string> { ["app"] = "web", ["env"] = "prod" }));
        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "b", new Dictionary<string, string> { ["app"] = "web", ["env"] = "dev" }));
        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "c", new Dictionary<string, string> { ["app"] = "db" }));

        Assert.Equal(["a", "b"], Names(await _client.GetJsonAsync($"{Objects.PodsPath(ns)}?labelSelector=app%3Dweb")));
        Assert.Equal(["a"], Names(await _client.GetJsonAsync($"{Objects.PodsPath(ns)}?labelSelector=app%3Dweb,env%20in%20(prod)")));
        Assert.Equal(["c"], Names(await _client.GetJsonAsync($"{Objects.PodsPath(ns)}?labelSelector=!env")));
    }

    [Fact]
    public async Task Field_selector_filters_on_spec_nodeName_and_metadata_name()
    {
        const string ns = "list-fields";
        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "on-1", nodeName: "node-1"));
        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "on-2", nodeName: "node-2"));

        Assert.Equal(["on-1"], Names(await _client.GetJsonAsync($"{Objects.PodsPath(ns)}?fieldSelector=spec.nodeName%3Dnode-1")));
        Assert.Equal(["on-2"], Names(await _client.GetJsonAsync($"{Objects.PodsPath(ns)}?fieldSelector=metadata.name%21%3Don-1")));
    }

    [Fact]
    public async Task All_namespaces_list_spans_namespaces()
    {
        await _client.PostJsonAsync(Objects.PodsPath("list-all-a"), Objects.Pod("list-all-a", "x", new Dictionary<string, string> { ["suite"] = "list-all" }));
        await _client.PostJsonAsync(Objects.PodsPath("list-all-b"), Objects.Pod("list-all-b", "y", new Dictionary<string, string> { ["suite"] = "list-all" }));

        var list = await _client.GetJsonAsync("/api/v1/pods?labelSelector=suite%3Dlist-all");

        var namespaces = list.Object["items"]!.AsArray().Select(i => i!["metadata"]!["namespace"]!.GetValue<string>()).ToArray();
        Assert.Equal(["list-all-a", "list-all-b"], namespaces);
    }

    [Fact]
    public async Task Paging_under_concurrent_writes_returns_each_object_of_the_snapshot_exactly_once()
    {
        const string ns = "list-paging";
        for (var i = 0; i < 40; i++)
            await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, $"pod-{i:00}"));

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, $"late-{n++:000}"));
                await _client.PatchJsonAsync(Objects.PodPath(ns, $"pod-{n % 40:00}"),
                    new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["touch"] = $"t{n}" } } }, "application/merge-patch+json");
                if (n % 10 == 0)
                    await _client.DeleteJsonAsync(Objects.PodPath(ns, $"late-{n - 5:000}"));
            }
        });

        var seen = new List<string>();
        string? continueToken = null;
        string? listVersion = null;
        var pages = 0;
        do
        {
            var page = await _client.GetJsonAsync($"{Objects.PodsPath(ns)}?limit=7" + (continueToken is null ? "" : $"&continue={Uri.EscapeDataString(continueToken)}"));
            Assert.Equal(HttpStatusCode.OK, page.Code);
            listVersion ??= page.Object["metadata"]!["resourceVersion"]!.GetValue<string>();
            seen.AddRange(Names(page));
            continueToken = page.Object["metadata"]!["continue"]?.GetValue<string>();
            pages++;
            await Task.Delay(20);
        }
        while (continueToken is not null && pages < 100);
        await stop.CancelAsync();
        await writer;

        Assert.Equal(seen.Count, seen.Distinct().Count());
        for (var i = 0; i < 40; i++)
            Assert.Contains($"pod-{i:00}", seen);
        Assert.True(pages >= 6, $"expected at least 6 pages of 7, got {pages}");
    }

    [Fact]
    public async Task Expired_continue_token_answers_410_and_a_malformed_one_400()
    {
        const string ns = "list-expired";
        for (var i = 0; i < 5; i++)
            await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, $"p{i}"));
        var first = await _client.GetJsonAsync($"{Objects.PodsPath(ns)}?limit=2");
        var token = first.Object["metadata"]!["continue"]!.GetValue<string>();

        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "after"));
        await fixture.Host.Store.CompactAsync(TimeSpan.Zero, 0, CancellationToken.None);
        var expired = await _client.GetJsonAsync($"{Objects.PodsPath(ns)}?limit=2&continue={Uri.EscapeDataString(token)}");
        Assert.Equal(HttpStatusCode.Gone, expired.Code);
        Assert.Equal("Expired", expired.Reason);

        var malformed = await _client.GetJsonAsync($"{Objects.PodsPath(ns)}?limit=2&continue=not-a-token");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Code);
        Assert.Contains("continue", malformed.Message);
    }

    [Fact]
    public async Task A_list_at_resourceVersion_0_comes_whole_from_the_informer_cache_with_the_selectors_applied()
    {
        const string ns = "list-cached";
        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "a", new Dictionary<string, string> { ["app"] = "web" }, nodeName: "node-1"));
        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "b", new Dictionary<string, string> { ["app"] = "web" }, nodeName: "node-2"));
        await _client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "c", new Dictionary<string, string> { ["app"] = "db" }, nodeName: "node-1"));

        // The cache follows the change log, so it may lag the writes above for a moment.
        Api.Answer all;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((all = await _client.GetJsonAsync($"{Objects.PodsPath(ns)}?resourceVersion=0&limit=1")).Object["items"]!.AsArray().Count < 3 && DateTime.UtcNow < deadline)
            await Task.Delay(50);

        // limit is ignored, as the apiserver's watch cache ignores it: the whole list, no continue.
        Assert.Equal(["a", "b", "c"], Names(all));
        Assert.Null(all.Object["metadata"]!["continue"]);
        Assert.Equal(["a"], Names(await _client.GetJsonAsync($"{Objects.PodsPath(ns)}?resourceVersion=0&labelSelector=app%3Dweb&fieldSelector=spec.nodeName%3Dnode-1")));
    }

    private static string[] Names(Api.Answer list) =>
        list.Object["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToArray();
}
