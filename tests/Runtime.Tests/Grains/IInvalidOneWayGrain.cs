namespace GitOps.Runtime.Tests.Grains;

public interface IInvalidOneWayGrain : IGrainWithStringKey
{
    [OneWay]
    Task<int> CountAsync(CancellationToken cancellationToken);
}
