using Microsoft.Playwright;

namespace GitOps.EndToEnd.Tests.Dashboard;

/// <summary>
/// The machine's own Chromium (<c>/usr/bin/chromium</c>) driven headless by Playwright. Playwright's
/// browser downloads are never used: a missing Chromium fails the test with the command that installs it.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string DefaultExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];
    private static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(20);

    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>The failure message when <paramref name="executablePath"/> is not there, or null when it is.</summary>
    public static string? MissingBrowserMessage(string executablePath) =>
        File.Exists(executablePath)
            ? null
            : $"Chromium was not found at {executablePath}: the dashboard browser tests need it. " +
              "Install it with `apt-get install -y chromium` (Playwright's own browser downloads are not used).";

    public static async Task<HeadlessChromium> LaunchAsync(CancellationToken cancellationToken)
    {
        var missing = MissingBrowserMessage(DefaultExecutablePath);
        if (missing is not null)
            Assert.Fail(missing);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        cancellationToken.ThrowIfCancellationRequested();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = DefaultExecutablePath,
                Headless = true,
                Args = Arguments,
                Timeout = (float)LaunchTimeout.TotalMilliseconds,
            });
            return new HeadlessChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
