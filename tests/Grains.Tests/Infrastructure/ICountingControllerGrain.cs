using GitOps.Grains.Controllers.Infrastructure;
using Orleans;

namespace GitOps.Grains.Tests.Infrastructure;

/// <summary>A test controller that counts its reconciles and how many ConfigMaps the last one saw.</summary>
[Alias("GitOps.ICountingControllerGrain")]
public interface ICountingControllerGrain : IControllerGrain, IGrainWithStringKey
{
    [Alias("GetCountsAsync")]
    Task<(int Reconciles, int ConfigMapsSeen)> GetCountsAsync(CancellationToken cancellationToken);
}
