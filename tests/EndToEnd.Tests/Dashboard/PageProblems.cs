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
        page.RequestFailed += (_, request) =>
            problems._problems.Enqueue($"request failed: {request.Method} {request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                problems._problems.Enqueue($"error response: {response.Request.Method} {response.Url} answered {response.Status}");
        };
        return problems;
    }
}
