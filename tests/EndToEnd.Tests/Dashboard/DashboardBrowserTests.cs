using System.Text.RegularExpressions;

namespace GitOps.EndToEnd.Tests.Dashboard;

/// <summary>
/// The dashboard in a real headless Chromium against a real silo on PostgreSQL syncing a real Git
/// repository: what a user sees after a commit, the page following the next commit by itself, and
/// a failing API shown rather than hidden.
/// </summary>
public sealed class DashboardBrowserTests(DashboardCluster fixture) : IClassFixture<DashboardCluster>
{
    private const string SourceName = "e2e";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Dashboard_shows_the_synced_commit_ready_nodes_and_replicas_and_follows_the_next_commit_by_itself()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var chromium = await HeadlessChromium.LaunchAsync(cancellation.Token);
        var page = await chromium.Browser.NewPageAsync();
        var problems = PageProblems.Watch(page);
        var dashboard = new DashboardPage(page, fixture.Cluster);

        var response = await page.GotoAsync(fixture.DashboardUrl.ToString(), new() { Timeout = 15_000 });
        Assert.Equal(200, response?.Status);
        Assert.Equal("GitOps dashboard", await page.TitleAsync());

        await dashboard.ExpectTextAsync("the source Synced", await dashboard.SourceCellAsync(SourceName, "Phase"), "Synced", Patience);
        await dashboard.ExpectTextAsync("the first commit", await dashboard.SourceCellAsync(SourceName, "Commit"),
            new Regex($"^{fixture.FirstCommit[..10]}\\s+Run the storefront$"), Patience);
        await dashboard.ExpectTextAsync("the repository and branch", await dashboard.SourceCellAsync(SourceName, "Repository"),
            $"{fixture.Repository.Url} main", Patience);
        await dashboard.ExpectTextAsync("no sync errors", await dashboard.SourceCellAsync(SourceName, "Errors"), "0", Patience);
        await dashboard.ExpectTextAsync("3 of 3 nodes ready", dashboard.NodeTotals, "3 / 3", Patience);
        await dashboard.ExpectCountAsync("the 3 nodes listed", dashboard.NodeRows, 3, Patience);
        for (var i = 0; i < 3; i++)
            await dashboard.ExpectTextAsync($"node {i + 1} Ready", dashboard.NodeRows.Nth(i), new Regex(@"^dash-node-\d+\s*Ready$"), Patience);
        await dashboard.ExpectTextAsync("2 of 2 replicas available", dashboard.DeploymentTotals, "2 / 2", Patience);
        await dashboard.ExpectTextAsync("the deployment 2/2 ready", await dashboard.DeploymentCellAsync("front", "Ready"), "2/2", Patience);
        await dashboard.ExpectTextAsync("the deployment 2 available", await dashboard.DeploymentCellAsync("front", "Available"), "2", Patience);

        var second = await fixture.Repository.CommitAsync("Scale the storefront to 4", DashboardManifests.Storefront(replicas: 4), cancellation.Token);

        // No reload and no sync request: the source's poll picks the commit up and the page's own polling shows it.
        await dashboard.ExpectTextAsync("the second commit", await dashboard.SourceCellAsync(SourceName, "Commit"),
            new Regex($"^{second[..10]}\\s+Scale the storefront to 4$"), Patience);
        await dashboard.ExpectTextAsync("4 of 4 replicas available", dashboard.DeploymentTotals, "4 / 4", Patience);
        await dashboard.ExpectTextAsync("the deployment 4/4 ready", await dashboard.DeploymentCellAsync("front", "Ready"), "4/4", Patience);
        await dashboard.ExpectTextAsync("the deployment 4 available", await dashboard.DeploymentCellAsync("front", "Available"), "4", Patience);
        await dashboard.ExpectTextAsync("4 pods Running", dashboard.PodPhaseRow("Running"), new Regex(@"^Running\s*4$"), Patience);
        await dashboard.ExpectTextAsync("the source still Synced", await dashboard.SourceCellAsync(SourceName, "Phase"), "Synced", Patience);
        await dashboard.ExpectHiddenAsync("no error banner", dashboard.ErrorBanner, TimeSpan.FromSeconds(1));

        Assert.True(problems.All.Count == 0, "The dashboard logged problems in the browser:\n" + string.Join("\n", problems.All));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_keeps_showing_a_failing_deployment_list_while_the_status_polls_succeed()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var chromium = await HeadlessChromium.LaunchAsync(cancellation.Token);
        var page = await chromium.Browser.NewPageAsync();
        var problems = PageProblems.Watch(page);
        var dashboard = new DashboardPage(page, fixture.Cluster);
        await page.GotoAsync(fixture.DashboardUrl.ToString(), new() { Timeout = 15_000 });
        await dashboard.ExpectTextAsync("the deployment listed", await dashboard.DeploymentCellAsync("front", "Ready"), new Regex(@"^\d+/\d+$"), Patience);

        var deploymentList = new Regex(@"/apis/apps/v1/deployments\?");
        await page.RouteAsync(deploymentList, route => route.FulfillAsync(new() { Status = 503, Body = "unavailable" }));
        await dashboard.ExpectTextAsync("the failing list in the error banner", dashboard.ErrorBanner,
            "Cannot list nodes and deployments: /apis/apps/v1/deployments?limit=200 answered 503", Patience);

        // Two status polls (every 2 s) come and go while the list (every 5 s) is still failing.
        for (var i = 0; i < 2; i++)
            await page.WaitForResponseAsync(r => r.Url.EndsWith("/api/gitops/status", StringComparison.Ordinal), new() { Timeout = 10_000 });
        await dashboard.ExpectTextAsync("the error banner after status polls", dashboard.ErrorBanner,
            new Regex("deployments\\?limit=200 answered 503"), TimeSpan.FromSeconds(1));
        await dashboard.ExpectTextAsync("the last known deployment still listed", await dashboard.DeploymentCellAsync("front", "Ready"),
            new Regex(@"^\d+/\d+$"), TimeSpan.FromSeconds(1));

        await page.UnrouteAsync(deploymentList);
        await dashboard.ExpectHiddenAsync("the error banner gone once the list answers again", dashboard.ErrorBanner, Patience);

        var unexpected = problems.All.Where(p => !p.Contains("/apis/apps/v1/deployments?limit=200", StringComparison.Ordinal)).ToArray();
        Assert.True(unexpected.Length == 0, "The dashboard logged problems besides the failed list:\n" + string.Join("\n", unexpected));
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
}
