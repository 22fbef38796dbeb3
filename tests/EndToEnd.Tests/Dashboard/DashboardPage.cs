using System.Text.RegularExpressions;
using GitOps.EndToEnd.Tests.Harness;
using Microsoft.Playwright;

namespace GitOps.EndToEnd.Tests.Dashboard;

/// <summary>
/// The dashboard as its user reads it: a table's cell found by the row's name and the column's
/// heading, the big ready/total figures. Every expectation waits a bounded time for the page's
/// own polling to show it, and a failure says what the page showed and what the silo logged.
/// </summary>
public sealed class DashboardPage(IPage page, SiloCluster cluster)
{
    public ILocator NodeTotals => page.Locator("#nodes");

    public ILocator NodeRows => page.Locator("#nodeList tr");

    public ILocator DeploymentTotals => page.Locator("#deployTotals");

    public ILocator ErrorBanner => page.Locator("#error");

    /// <summary>The "Pods by phase" row of <paramref name="phase"/>: the phase and its count.</summary>
    public ILocator PodPhaseRow(string phase) =>
        page.Locator("#pods tr").Filter(new() { Has = page.Locator("td", new() { HasTextRegex = new Regex($"^{Regex.Escape(phase)}$") }) });

    public Task<ILocator> SourceCellAsync(string source, string column) => CellAsync("sources", source, column);

    public Task<ILocator> DeploymentCellAsync(string name, string column) => CellAsync("deployments", name, column);

    /// <summary>Waits up to <paramref name="timeout"/> for <paramref name="locator"/> to show <paramref name="expected"/>.</summary>
    public Task ExpectTextAsync(string what, ILocator locator, Regex expected, TimeSpan timeout) =>
        SeeAsync(what, () => Assertions.Expect(locator).ToHaveTextAsync(expected, new() { Timeout = Milliseconds(timeout) }));

    public Task ExpectTextAsync(string what, ILocator locator, string expected, TimeSpan timeout) =>
        SeeAsync(what, () => Assertions.Expect(locator).ToHaveTextAsync(expected, new() { Timeout = Milliseconds(timeout) }));

    public Task ExpectCountAsync(string what, ILocator locator, int expected, TimeSpan timeout) =>
        SeeAsync(what, () => Assertions.Expect(locator).ToHaveCountAsync(expected, new() { Timeout = Milliseconds(timeout) }));

    public Task ExpectHiddenAsync(string what, ILocator locator, TimeSpan timeout) =>
        SeeAsync(what, () => Assertions.Expect(locator).ToBeHiddenAsync(new() { Timeout = Milliseconds(timeout) }));

    /// <summary>The cell under the heading <paramref name="column"/> in the row of tbody#<paramref name="tbodyId"/> whose first cells name <paramref name="row"/>.</summary>
    private async Task<ILocator> CellAsync(string tbodyId, string row, string column)
    {
        var table = page.Locator($"table:has(> tbody#{tbodyId})");
        // textContent, not innerText: the headings are upper-cased by CSS only.
        var headings = (await table.Locator("thead th").AllTextContentsAsync()).Select(h => h.Trim()).ToList();
        var index = headings.IndexOf(column);
        if (index < 0)
            Assert.Fail($"The dashboard's #{tbodyId} table has no column '{column}'; its columns are: {string.Join(", ", headings)}.");
        var rowLocator = table.Locator($"tbody#{tbodyId} > tr").Filter(new()
        {
            Has = page.Locator("td", new() { HasTextRegex = new Regex($"^{Regex.Escape(row)}$") }),
        });
        return rowLocator.Locator("> td").Nth(index);
    }

    private async Task SeeAsync(string what, Func<Task> expectation)
    {
        try
        {
            await expectation();
        }
        catch (PlaywrightException e)
        {
            var shown = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            Assert.Fail($"The dashboard did not show {what}.\n{e.Message}\n---- the page showed:\n{shown}\n---- the processes said:\n" +
                        string.Join("\n----\n", cluster.Processes.Select(p => p.RecentOutput)));
        }
    }

    private static float Milliseconds(TimeSpan timeout) => (float)timeout.TotalMilliseconds;
}
