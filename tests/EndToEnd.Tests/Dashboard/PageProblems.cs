using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace GitOps.EndToEnd.Tests.Dashboard;

/// <summary>
/// What went wrong in a page as its user's browser would show it in the developer tools: console
/// errors, uncaught script errors, requests that failed and responses with an error status.
/// </summary>
public sealed class PageProblems
{
    private readonly ConcurrentQueue<string> _problems = new();

    private PageProblems()
    {
    }

    public IReadOnlyList<string> All => _problems.ToArray();

    public static PageProblems Watch(IPage page)
    {
        var problems = new PageProblems();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                problems._problems.Enqueue($"console error: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => problems._problems.Enqueue($"uncaught script error: {error}");
        // Chromium ends a fetch answered without a body (a 304 to If-None-Match, a 204) as ERR_ABORTED after its
        // response, though the page's fetch resolves normally: such a request did not fail.
        var bodiless = new ConcurrentDictionary<Microsoft.Playwright.IRequest, bool>();
        page.RequestFailed += (_, request) =>
        {
            if (!bodiless.TryRemove(request, out bool _))
                problems._problems.Enqueue($"request failed: {request.Method} {request.Url}: {request.Failure}");
        };
        page.Response += (_, response) =>
        {
            if (response.Status is 204 or 304)
                bodiless[response.Request] = true;
            if (response.Status >= 400)
                problems._problems.Enqueue($"error response: {response.Request.Method} {response.Url} answered {response.Status}");
        };
        return problems;
    }
}
