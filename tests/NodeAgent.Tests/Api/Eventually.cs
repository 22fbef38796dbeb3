namespace GitOps.NodeAgent.Tests.Api;

/// <summary>Bounded polling for state that other components reach asynchronously.</summary>
internal static class Eventually
{
    /// <param name="diagnose">What to add to the failure message (the component's log, the object's last state).</param>
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? limit = null, Func<Task<string>>? diagnose = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
                return value;
            await Task.Delay(100);
        }
        var details = diagnose is null ? "" : Environment.NewLine + await diagnose();
        Assert.Fail($"Timed out waiting for {what}.{details}");
        throw new InvalidOperationException();
    }
}
