using System.Text.RegularExpressions;
using GitOps.EndToEnd.Tests.Harness;
using GitOps.TestSupport;
using Microsoft.Playwright;

namespace GitOps.EndToEnd.Tests.Dashboard;

/// <summary>
/// The dashboard as its user reads it: a source's card, a deployment's row, the big ready/total
/// figures. Every expectation waits a bounded time for the page to show it, and a failure says what
/// the page showed and what the silo logged. Screenshots go to <c>artifacts/screenshots/</c> at the
/// repository root, where CI keeps them.
/// </summary>
public sealed class DashboardPage(IPage page, params StartedProcess[] processes)
{
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");

    public IPage Page => page;

    public ILocator NodeTotals => page.Locator("#nodes");

    public ILocator NodeRows => page.Locator("#nodeList .node");

    public ILocator DeploymentTotals => page.Locator("#deployTotals");

    public ILocator EventRows => page.Locator("#events tr");

    public ILocator ErrorBanner => page.Locator("#error");

    public ILocator Source(string name) => page.Locator($"article.source[data-source=\"{name}\"]");

    public ILocator SourcePart(string name, string part) => Source(name).Locator($".{part}");

    public ILocator SyncButton(string name) => Source(name).GetByRole(AriaRole.Button, new() { Name = $"Sync {name} now" });

    /// <summary>The newest run's number in the source's "Last runs" table.</summary>
    public ILocator NewestRun(string name) => Source(name).Locator(".runs tbody tr").First.Locator("td").First;

    public ILocator Deployment(string namespacedName, string part) => page.Locator($"#deployments tr[data-deployment=\"{namespacedName}\"] .{part}");

    public ILocator PodPhaseCount(string phase) => page.Locator($"#pods tr[data-phase=\"{phase}\"] td").Nth(1);

    public ILocator HealthCount(string health) => page.Locator($"#healthCounts [data-health=\"{health}\"]");

    public Task ExpectTextAsync(string what, ILocator locator, Regex expected, TimeSpan timeout) =>
        SeeAsync(what, () => Assertions.Expect(locator).ToHaveTextAsync(expected, new() { Timeout = Milliseconds(timeout) }));

    public Task ExpectTextAsync(string what, ILocator locator, string expected, TimeSpan timeout) =>
        SeeAsync(what, () => Assertions.Expect(locator).ToHaveTextAsync(expected, new() { Timeout = Milliseconds(timeout) }));

    public Task ExpectCountAsync(string what, ILocator locator, int expected, TimeSpan timeout) =>
        SeeAsync(what, () => Assertions.Expect(locator).ToHaveCountAsync(expected, new() { Timeout = Milliseconds(timeout) }));

    public Task ExpectHiddenAsync(string what, ILocator locator, TimeSpan timeout) =>
        SeeAsync(what, () => Assertions.Expect(locator).ToBeHiddenAsync(new() { Timeout = Milliseconds(timeout) }));

    public Task ExpectFocusedAsync(string what, ILocator locator, TimeSpan timeout) =>
        SeeAsync(what, () => Assertions.Expect(locator).ToBeFocusedAsync(new() { Timeout = Milliseconds(timeout) }));

    /// <summary>The newest run number shown for the source.</summary>
    public async Task<long> NewestRunNumberAsync(string source)
    {
        await ExpectTextAsync($"a run in the history of {source}", NewestRun(source), new Regex(@"^#\d+$"), TimeSpan.FromSeconds(20));
        return long.Parse((await NewestRun(source).TextContentAsync())!.TrimStart('#'));
    }

    /// <summary>Waits until the newest run shown is later than <paramref name="after"/>; returns its number.</summary>
    public async Task<long> ExpectRunAfterAsync(string source, long after, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long newest;
        while ((newest = await NewestRunNumberAsync(source)) <= after && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        if (newest <= after)
            await SeeAsync($"a run after #{after} in the history of {source} (the newest is #{newest})",
                () => throw new PlaywrightException($"no run after #{after} within {timeout.TotalSeconds:0} s"));
        return newest;
    }

    /// <summary>The page's sections (and the page) that are wider than the space they have: what a user would have to scroll sideways to read.</summary>
    public async Task<IReadOnlyList<string>> OverflowingSectionsAsync() =>
        await page.EvaluateAsync<string[]>("""
            () => [document.documentElement, ...document.querySelectorAll("section")]
                .filter(e => e.scrollWidth > e.clientWidth + 1)
                .map(e => `${e.id || e.tagName}: ${e.scrollWidth}px of content in ${e.clientWidth}px`)
            """);

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, $"{name}.png") });
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, $"{name}-full.png"), FullPage = true });
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
                        string.Join("\n----\n", processes.Select(p => p.RecentOutput)));
        }
    }

    private static float Milliseconds(TimeSpan timeout) => (float)timeout.TotalMilliseconds;
}
