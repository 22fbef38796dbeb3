using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOps.EndToEnd.Tests.Harness;
using Microsoft.Playwright;

namespace GitOps.EndToEnd.Tests.Dashboard;

/// <summary>
/// The dashboard against hostile values and an API that asks for a token, in a real headless Chromium
/// against the embedded default silo: markup from the cluster and from Git shows as text and never
/// runs; a 401 brings up the login box, and the token typed there is kept in the tab and sent as a bearer token.
/// </summary>
public sealed class DashboardEdgeBrowserTests(ExampleSilo fixture) : IClassFixture<ExampleSilo>
{
    private const string Source = "example";
    private const string Markup = "<img src=x onerror=\"window.__injected=1\">";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Markup_in_an_event_and_in_a_file_name_shows_as_text_and_never_runs()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cancellation.Token;
        var (created, answer) = await fixture.Silo.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/namespaces/default/events", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = "markup", ["namespace"] = "default" },
            ["involvedObject"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = "default", ["name"] = "<b>pod</b>" },
            ["reason"] = "<script>window.__injected=2</script>",
            ["message"] = Markup,
            ["type"] = "Warning",
            ["lastTimestamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        }, ct);
        Assert.True(created == HttpStatusCode.Created, $"{created} {answer}");
        var brokenFile = $"manifests-example/{Markup}.yaml";
        await fixture.Repository.CommitAsync($"Break a file named {Markup}", new Dictionary<string, string> { [brokenFile] = "kind: [\n" }, ct);

        await using var chromium = await HeadlessChromium.LaunchAsync(ct);
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        var problems = PageProblems.Watch(page);
        var dashboard = new DashboardPage(page, fixture.Silo.Process);
        await page.GotoAsync(fixture.DashboardUrl.ToString(), new() { Timeout = 15_000 });
        await dashboard.SyncButton(Source).ClickAsync();

        var markupEvent = dashboard.EventRows.Filter(new() { HasText = "window.__injected=2" });
        await dashboard.ExpectTextAsync("the event's message as text", markupEvent.Locator("td").Nth(3), Markup, Patience);
        await dashboard.ExpectTextAsync("the event's reason as text", markupEvent.Locator("td").Nth(1), "<script>window.__injected=2</script>", Patience);
        await dashboard.ExpectTextAsync("the object's name as text", markupEvent.Locator("td").Nth(2), "Pod default/<b>pod</b>", Patience);
        await dashboard.ExpectTextAsync("the broken file's name as text", dashboard.Source(Source).Locator(".errors li .location"),
            new Regex("^" + Regex.Escape(brokenFile) + @":\d+$"), Patience);
        await dashboard.ScreenshotAsync("06-markup-as-text");

        Assert.Equal(0, await page.Locator("main img, main b, main script").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__injected === undefined"), "markup from the API ran in the page");
        Assert.True(problems.All.Count == 0, "The dashboard logged problems in the browser:\n" + string.Join("\n", problems.All));
    }

    [Fact]
    public async Task An_api_that_answers_401_brings_up_the_login_box_and_the_token_typed_there_is_sent_as_a_bearer_token()
    {
        const string token = "t0ken-for-the-dashboard";
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var chromium = await HeadlessChromium.LaunchAsync(cancellation.Token);
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        var dashboard = new DashboardPage(page, fixture.Silo.Process);
        var refused = 0;
        // What the API does once authentication is on: 401 without the token; with it, the silo answers.
        await page.RouteAsync(new Regex("/(api|apis)/"), route =>
        {
            if (route.Request.Headers.TryGetValue("authorization", out var value) && value == $"Bearer {token}")
                return route.ContinueAsync();
            Interlocked.Increment(ref refused);
            return route.FulfillAsync(new()
            {
                Status = 401,
                ContentType = "application/json",
                Body = """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Unauthorized","message":"Unauthorized","code":401}""",
            });
        });

        await page.GotoAsync(fixture.DashboardUrl.ToString(), new() { Timeout = 15_000 });
        var login = page.Locator("#login");
        await Assertions.Expect(login).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByLabel(new Regex("paste a bearer token"))).ToBeFocusedAsync();
        await dashboard.ScreenshotAsync("07-login-box");
        Assert.True(refused > 0);

        await page.GetByLabel(new Regex("paste a bearer token")).FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await dashboard.ExpectTextAsync("the nodes, read with the token", dashboard.NodeTotals, "3 / 3", Patience);
        await dashboard.ExpectTextAsync("the source, read with the token", dashboard.SourcePart(Source, "phase"), new Regex("^(Synced|Degraded)$"), Patience);
        await dashboard.ExpectHiddenAsync("the login box gone", login, Patience);
        Assert.Equal(token, await page.EvaluateAsync<string>("() => sessionStorage.getItem('gitops.token')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        await page.CloseAsync();
    }
}
