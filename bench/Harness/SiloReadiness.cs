using GitOps.TestSupport;

namespace GitOps.Bench.Harness;

/// <summary>Waits for a silo process started by a scenario to answer <c>/readyz</c>.</summary>
public static class SiloReadiness
{
    public static async Task WaitAsync(HttpClient http, StartedProcess silo, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (silo.HasExited)
                throw new InvalidOperationException($"The silo exited at start:{Environment.NewLine}{silo.RecentOutput}");
            try
            {
                using var ready = await http.GetAsync("/readyz", cancellationToken);
                if (ready.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(500, cancellationToken);
        }
        throw new TimeoutException($"The silo was not ready within 120 s:{Environment.NewLine}{silo.RecentOutput}");
    }
}
