using GitOps.TestSupport;

namespace GitOps.EndToEnd.Tests.Harness;

public static class Eventually
{
    /// <summary>
    /// Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes; on
    /// timeout fails with what was awaited, the last observation and the processes' recent output.
    /// </summary>
    public static async Task HoldsAsync(
        string what,
        Func<CancellationToken, Task<(bool Holds, string Observed)>> condition,
        TimeSpan timeout,
        params StartedProcess[] processes)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var observed = "nothing yet";
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                (var holds, observed) = await condition(cancellation.Token);
                if (holds)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
            {
                observed = e.Message;
            }
            var exited = processes.FirstOrDefault(p => p.HasExited);
            if (exited is not null)
                Assert.Fail($"Waiting for {what}: a process exited. Its output:\n{exited.RecentOutput}");
            await Task.Delay(250, CancellationToken.None);
        }
        Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}. Last observed: {observed}\n" +
                    string.Join("\n----\n", processes.Select(p => p.RecentOutput)));
    }
}
