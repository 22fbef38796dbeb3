namespace GitOps.NodeAgent.Tests.Api;

/// <summary>Bounded polling for state that other components reach asynchronously.</summary>
internal static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? limit = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
                return value;
            await Task.Delay(100);
        }
        Assert.Fail($"Timed out waiting for {what}.");
        throw new InvalidOperationException();
    }
}
