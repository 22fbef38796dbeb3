using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using GitOps.EndToEnd.Tests.Harness;
using Microsoft.Playwright;

namespace GitOps.EndToEnd.Tests.Dashboard;

/// <summary>
/// The dashboard in a real headless Chromium, on a laptop-sized window, against the embedded default
/// silo syncing the example from a real Git checkout: what a user sees, then what they do (commit,
/// break a file, press "Sync now" from the keyboard and with the mouse). Screenshots of each step go
/// to artifacts/screenshots/.
/// </summary>
public sealed class DashboardBrowserTests(ExampleSilo fixture) : IClassFixture<ExampleSilo>
{
    private const string Source = "example";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_user_sees_the_example_synced_follows_a_commit_live_sees_a_broken_file_located_and_syncs_by_hand()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = cancellation.Token;
        await using var chromium = await HeadlessChromium.LaunchAsync(ct);
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        var problems = PageProblems.Watch(page);
        var lists = new ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("limit=", StringComparison.Ordinal))
                lists.Enqueue(new Uri(request.Url).AbsolutePath);
        };
        var dashboard = new DashboardPage(page, fixture.Silo.Process);

        var response = await page.GotoAsync(fixture.DashboardUrl.ToString(), new() { Timeout = 15_000 });
        Assert.Equal(200, response?.Status);
        Assert.Equal("GitOps dashboard", await page.TitleAsync());

        // The example, synced by the silo on its own: subject only (not the body), author, the workloads Running.
        await dashboard.ExpectTextAsync("the source Synced", dashboard.SourcePart(Source, "phase"), "Synced", Patience);
        await dashboard.ExpectTextAsync("the commit's subject only", dashboard.SourcePart(Source, "commit-subject"), ExampleSilo.FirstSubject, Patience);
        await dashboard.ExpectTextAsync("the commit", dashboard.SourcePart(Source, "commit-sha"), fixture.FirstCommit[..10], Patience);
        await dashboard.ExpectTextAsync("the author", dashboard.SourcePart(Source, "author"), ExampleSilo.Author, Patience);
        await dashboard.ExpectTextAsync("the branch", dashboard.SourcePart(Source, "branch"), "main", Patience);
        await dashboard.ExpectTextAsync("3 of 3 nodes ready", dashboard.NodeTotals, "3 / 3", Patience);
        await dashboard.ExpectCountAsync("the 3 nodes with their allocation", dashboard.NodeRows, 3, Patience);
        await dashboard.ExpectCountAsync("three meters per node", page.Locator("#nodeList .node [role=meter]"), 9, Patience);
        await dashboard.ExpectTextAsync("6 of 6 replicas available", dashboard.DeploymentTotals, "6 / 6", Patience);
        await dashboard.ExpectTextAsync("shop/web 3/3", dashboard.Deployment("shop/web", "ready"), "3/3", Patience);
        await dashboard.ExpectTextAsync("shop/web rolled out", dashboard.Deployment("shop/web", "state"), "Complete", Patience);
        await dashboard.ExpectTextAsync("6 pods Running", dashboard.PodPhaseCount("Running"), "6", Patience);
        await dashboard.ExpectTextAsync("the 10 objects healthy", dashboard.HealthCount("Healthy"), "Healthy 10", Patience);
        await dashboard.ExpectTextAsync("the scheduler's events", dashboard.EventRows.Filter(new() { HasText = "Scheduled" }).First,
            new Regex("Successfully assigned"), Patience);
        await dashboard.ExpectHiddenAsync("no error banner", dashboard.ErrorBanner, TimeSpan.FromSeconds(1));
        Assert.Empty(await dashboard.OverflowingSectionsAsync());
        await dashboard.ScreenshotAsync("01-example-synced");

        // A commit whose subject carries markup, applied with "Sync now" reached by the keyboard alone.
        var scaleSubject = "Scale web to 4 <img src=x onerror=alert(1)>";
        var files = ExampleSilo.ExampleFiles();
        var webFile = "manifests-example/shop/web.yaml";
        await fixture.Repository.CommitAsync($"{scaleSubject}\n\nMore traffic.", new Dictionary<string, string>
        {
            [webFile] = files[webFile].Replace("replicas: 3", "replicas: 4", StringComparison.Ordinal),
        }, ct);
        var runBefore = await dashboard.NewestRunNumberAsync(Source);
        await TabToAsync(page, dashboard.SyncButton(Source));
        Assert.NotEqual("none", await dashboard.SyncButton(Source).EvaluateAsync<string>("b => getComputedStyle(b).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");
        await dashboard.ExpectTextAsync("the sync request answered", dashboard.SourcePart(Source, "sync-result"),
            new Regex(@"^run \d+ (started|queued after the current one|already queued after the current one)$"), Patience);
        await dashboard.ExpectTextAsync("the markup shown as text", dashboard.SourcePart(Source, "commit-subject"), scaleSubject, Patience);
        Assert.Equal(0, await page.Locator("#sources img").CountAsync());
        await dashboard.ExpectTextAsync("shop/web 4/4, followed through the watch", dashboard.Deployment("shop/web", "ready"), "4/4", Patience);
        await dashboard.ExpectTextAsync("7 of 7 replicas available", dashboard.DeploymentTotals, "7 / 7", Patience);
        await dashboard.ExpectTextAsync("7 pods Running", dashboard.PodPhaseCount("Running"), "7", Patience);
        await dashboard.ExpectFocusedAsync("the focus still on Sync now after the page updated", dashboard.SyncButton(Source), TimeSpan.FromSeconds(1));
        var listed = lists.Where(p => !p.StartsWith("/api/gitops", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["/api/v1/events", "/api/v1/nodes", "/api/v1/pods", "/apis/apps/v1/deployments"], listed);
        var runAfterScale = await dashboard.ExpectRunAfterAsync(Source, runBefore, Patience);
        await dashboard.ScreenshotAsync("02-scaled-live");

        // A broken file: the error names the file and line; the other files stay applied.
        var apiFile = "manifests-example/shop/api.yaml";
        var apiLines = files[apiFile].Split('\n');
        var replicasLine = Array.FindIndex(apiLines, l => l.TrimStart().StartsWith("replicas:", StringComparison.Ordinal)) + 1;
        await fixture.Repository.CommitAsync("Break the api's replicas", new Dictionary<string, string>
        {
            [apiFile] = files[apiFile].Replace("replicas: 2", "replicas: two", StringComparison.Ordinal),
        }, ct);
        await dashboard.SyncButton(Source).ClickAsync();
        await dashboard.ExpectTextAsync("the located error", dashboard.Source(Source).Locator(".errors li .location"), $"{apiFile}:{replicasLine}", Patience);
        await dashboard.ExpectTextAsync("what is wrong", dashboard.Source(Source).Locator(".errors li"), new Regex("spec\\.replicas"), Patience);
        await dashboard.ExpectTextAsync("the source Degraded", dashboard.SourcePart(Source, "phase"), "Degraded", Patience);
        var runWithError = await dashboard.ExpectRunAfterAsync(Source, runAfterScale, Patience);
        await dashboard.ScreenshotAsync("03-located-error");

        // Fixed in Git, synced by hand once more: the history grows and the error goes.
        await fixture.Repository.CommitAsync("Repair the api's replicas", new Dictionary<string, string> { [apiFile] = files[apiFile] }, ct);
        await dashboard.SyncButton(Source).ClickAsync();
        await dashboard.ExpectTextAsync("the source Synced again", dashboard.SourcePart(Source, "phase"), "Synced", Patience);
        await dashboard.ExpectCountAsync("no error left", dashboard.Source(Source).Locator(".errors li"), 0, Patience);
        await dashboard.ExpectRunAfterAsync(Source, runWithError, Patience);
        Assert.Empty(await dashboard.OverflowingSectionsAsync());
        await dashboard.ScreenshotAsync("04-history-grown");

        Assert.True(problems.All.Count == 0, "The dashboard logged problems in the browser:\n" + string.Join("\n", problems.All));
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_failing_deployment_feed_is_named_in_a_banner_while_the_other_feeds_keep_working_and_recovers_by_itself()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var chromium = await HeadlessChromium.LaunchAsync(cancellation.Token);
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        var problems = PageProblems.Watch(page);
        var dashboard = new DashboardPage(page, fixture.Silo.Process);
        var deploymentFeed = new Regex(@"/apis/apps/v1/deployments\?");
        await page.RouteAsync(deploymentFeed, route => route.FulfillAsync(new() { Status = 503, Body = "unavailable" }));

        await page.GotoAsync(fixture.DashboardUrl.ToString(), new() { Timeout = 15_000 });
        await dashboard.ExpectTextAsync("the failing feed in the error banner", dashboard.ErrorBanner,
            "Cannot follow deployments: /apis/apps/v1/deployments?limit=500 answered 503", Patience);
        await dashboard.ExpectTextAsync("the nodes, whose feed works", dashboard.NodeTotals, "3 / 3", Patience);
        await dashboard.ExpectTextAsync("the source, whose feed works", dashboard.SourcePart(Source, "phase"), new Regex("^(Synced|Degraded)$"), Patience);
        await dashboard.ExpectTextAsync("the deployments not known yet, rather than none", page.Locator("#deployments"), "waiting for the deployments feed…", Patience);
        await dashboard.ScreenshotAsync("05-failing-feed");

        await page.UnrouteAsync(deploymentFeed);
        await dashboard.ExpectHiddenAsync("the banner gone once the feed answers again", dashboard.ErrorBanner, Patience);
        await dashboard.ExpectTextAsync("shop/web listed", dashboard.Deployment("shop/web", "ready"), new Regex(@"^\d+/\d+$"), Patience);

        var unexpected = problems.All.Where(p => !p.Contains("/apis/apps/v1/deployments?limit=500", StringComparison.Ordinal)).ToArray();
        Assert.True(unexpected.Length == 0, "The dashboard logged problems besides the failed feed:\n" + string.Join("\n", unexpected));
        await page.CloseAsync();
    }

    [Fact]
    public void A_missing_chromium_fails_with_the_command_that_installs_it()
    {
        var message = HeadlessChromium.MissingBrowserMessage("/nonexistent/chromium");

        Assert.NotNull(message);
        Assert.Contains("/nonexistent/chromium", message);
        Assert.Contains("apt-get install -y chromium", message);
    }

    // Presses Tab from the top of the page until the target has the focus, as a keyboard user would.
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        await page.Locator("body").FocusAsync();
        for (var press = 0; press < 20; press++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
                return;
        }
        Assert.Fail("Tab never reached the source's \"Sync now\" button within 20 presses.");
    }
}
