namespace GitOps.Grains.Controllers.Workloads;

/// <summary>
/// Runs <c>count</c> operations in batches that double from one (Kubernetes' slowStartBatch), all of a
/// batch at once, stopping after a batch in which any failed: a template that cannot be created costs
/// one failed call, not hundreds.
/// </summary>
internal static class SlowStart
{
    /// <returns>How many succeeded, and the first failure's message (null when none failed).</returns>
    public static async Task<(int Succeeded, string? Failure)> RunAsync(int count, Func<int, Task<string?>> operation)
    {
        var succeeded = 0;
        var batch = 1;
        var started = 0;
        while (started < count)
        {
            var size = Math.Min(batch, count - started);
            var results = await Task.WhenAll(Enumerable.Range(started, size).Select(operation));
            started += size;
            var failure = results.FirstOrDefault(r => r is not null);
            succeeded += results.Count(r => r is null);
            if (failure is not null)
                return (succeeded, failure);
            batch *= 2;
        }
        return (succeeded, null);
    }
}
