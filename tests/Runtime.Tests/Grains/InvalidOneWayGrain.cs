namespace GitOps.Runtime.Tests.Grains;

internal sealed class InvalidOneWayGrain : Grain, IInvalidOneWayGrain
{
    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(0);
}
