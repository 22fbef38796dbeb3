using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GitOps.GitSync.Tests.Support;
using GitOps.TestSupport;
using GitOps.GitSync.Webhooks;
using GitOps.Model.Objects;
using static GitOps.GitSync.Tests.Support.Manifests;

namespace GitOps.GitSync.Tests.Api;

public sealed class GitOpsApiTests
{
    private const string Secret = "webhook-secret";

    private static void Shop(TestRepository repo) => repo
        .Write("apps/namespace.yaml", Namespace("shop"))
        .Write("apps/web.yaml", Join(Deployment("shop", "web"), Service("shop", "web")));

    [Fact]
    public async Task Sources_are_listed_shown_with_objects_and_history_and_synced_on_request()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        var client = scenario.Host.Client;

        var list = await scenario.Host.GetJsonAsync<JsonElement>("/api/gitops/sources");
        Assert.Equal("apps", list[0].GetProperty("name").GetString());
        Assert.Equal("1h", list[0].GetProperty("pollInterval").GetString());
        Assert.Equal("Synced", list[0].GetProperty("phase").GetString());

        var details = await scenario.Host.GetJsonAsync<JsonElement>("/api/gitops/sources/apps");
        Assert.Equal("Synced", details.GetProperty("phase").GetString());
        Assert.Equal(3, details.GetProperty("objectsManaged").GetInt32());
        var web = details.GetProperty("objects").EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "Deployment");
        Assert.Equal("apps/web.yaml", web.GetProperty("path").GetString());
        Assert.Equal("Synced", web.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(web.GetProperty("health").GetString()));

        scenario.Repository.Write("apps/web.yaml", Join(Deployment("shop", "web", 4), Service("shop", "web"))).Commit("scale");
        var diff = await scenario.Host.GetJsonAsync<JsonElement>("/api/gitops/sources/apps/diff");
        var change = Assert.Single(diff.GetProperty("changes").EnumerateArray());
        Assert.Equal("Update", change.GetProperty("action").GetString());
        Assert.Contains("spec.replicas", change.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));

        var sync = await client.PostAsync("/api/gitops/sources/apps/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, sync.StatusCode);
        var run = (await sync.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runNumber").GetInt64();
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, run);

        var history = await scenario.Host.GetJsonAsync<JsonElement>("/api/gitops/sources/apps/history");
        Assert.Equal(2, history.GetArrayLength());
        Assert.Equal(1, history[0].GetProperty("updated").GetInt32());
        Assert.Equal("scale", history[0].GetProperty("commitMessage").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/gitops/sources/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/gitops/sources/nope/sync", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.DeleteAsync("/api/gitops/sources/apps")).StatusCode);
    }

    [Fact]
    public async Task Sources_added_through_the_api_sync_survive_a_restart_and_can_be_removed()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        using var other = TestRepository.Create();
        other.Write("infra/config.yaml", ConfigMap("default", "infra-settings")).Commit("infra");
        await using var http = await GitHttpServer.StartAsync(TestRepository.RootDirectory, CancellationToken.None);
        var url = other.HttpUrl(http);

        var invalid = await scenario.Host.Client.PostAsJsonAsync("/api/gitops/sources", new { name = "Bad Name", url = "", pollInterval = "soon" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("PollInterval", await invalid.Content.ReadAsStringAsync());

        var created = await scenario.Host.Client.PostAsJsonAsync("/api/gitops/sources",
            new { name = "infra", url, paths = new[] { "infra" }, pollInterval = "1h", allowInsecureHttp = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await scenario.Host.Client.PostAsJsonAsync("/api/gitops/sources", new { name = "infra", url, allowInsecureHttp = true })).StatusCode);
        await scenario.Host.WaitForRunAsync("infra", 1);
        Assert.NotNull(await scenario.Host.GetAsync("", "ConfigMap", "default", "infra-settings"));

        await scenario.RestartAsync();
        var list = await scenario.Host.GetJsonAsync<JsonElement>("/api/gitops/sources");
        Assert.Equal(["apps", "infra"], list.EnumerateArray().Select(s => s.GetProperty("name").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Host.Client.DeleteAsync("/api/gitops/sources/infra")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Host.Client.GetAsync("/api/gitops/sources/infra")).StatusCode);
        Assert.NotNull(await scenario.Host.GetAsync("", "ConfigMap", "default", "infra-settings"));

        // Added again, the source goes on numbering its runs: its objects carry the run that last changed
        // them, and a run numbered lower may not touch them.
        other.Write("infra/config.yaml", ConfigMap("default", "infra-settings", "v2")).Commit("infra v2");
        Assert.Equal(HttpStatusCode.Created, (await scenario.Host.Client.PostAsJsonAsync("/api/gitops/sources",
            new { name = "infra", url, paths = new[] { "infra" }, pollInterval = "1h", allowInsecureHttp = true })).StatusCode);
        var readded = await scenario.Host.WaitForRunAsync("infra", 2);
        Assert.Equal((2, 1), (readded.LastRun!.Number, readded.LastRun.Updated));
        var settings = await scenario.Host.GetAsync("", "ConfigMap", "default", "infra-settings");
        Assert.Equal("2", settings!.Metadata.GetAnnotation(GitOpsMetadata.SyncRunAnnotation));
    }

    [Fact]
    public async Task Webhook_with_a_good_signature_syncs_the_pushed_source_and_a_bad_one_is_refused()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop, webhookSecret: Secret);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        scenario.Repository.Write("apps/config.yaml", ConfigMap("shop", "pushed")).Commit("push");
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            @ref = "refs/heads/main",
            after = "0000000",
            repository = new { clone_url = scenario.Repository.Url },
        }));

        var refused = await PostWebhookAsync(scenario, body, WebhookSignature.Sign(body, "wrong-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var unsigned = await PostWebhookAsync(scenario, body, null);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Null(await scenario.Host.GetAsync("", "ConfigMap", "shop", "pushed"));

        var accepted = await PostWebhookAsync(scenario, body, WebhookSignature.Sign(body, Secret));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(["apps"], (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("triggeredSources").EnumerateArray().Select(s => s.GetString()));
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 2);
        Assert.NotNull(await scenario.Host.GetAsync("", "ConfigMap", "shop", "pushed"));
    }

    [Fact]
    public async Task Status_document_is_served_with_an_etag_and_answers_304_while_unchanged()
    {
        await using var scenario = await SyncScenario.CreateAsync(Shop);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        var client = scenario.Host.Client;

        var first = await client.GetAsync("/api/gitops/status");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        var document = await first.Content.ReadFromJsonAsync<JsonElement>();
        var source = document.GetProperty("sources")[0];
        Assert.Equal("apps", source.GetProperty("name").GetString());
        Assert.Equal("Synced", source.GetProperty("phase").GetString());
        Assert.Equal(3, document.GetProperty("objects").GetProperty("total").GetInt32());
        Assert.Equal(1, document.GetProperty("deployments").GetProperty("total").GetInt32());
        Assert.True(document.GetProperty("objects").GetProperty("byKind").TryGetProperty("Deployment", out _));

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/gitops/status");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);

        await scenario.CommitAndSyncAsync("add config", r => r.Write("apps/config.yaml", ConfigMap("shop", "more")));
        using var after = new HttpRequestMessage(HttpMethod.Get, "/api/gitops/status");
        after.Headers.IfNoneMatch.Add(etag);
        var changed = await client.SendAsync(after);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    private static async Task<HttpResponseMessage> PostWebhookAsync(SyncScenario scenario, byte[] body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/gitops/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
            request.Headers.Add(WebhookSignature.SignatureHeader, signature);
        return await scenario.Host.Client.SendAsync(request);
    }
}
