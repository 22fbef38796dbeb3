using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Runtime;

namespace GitOps.Grains.Tests.Infrastructure;

/// <summary>A test controller that counts its reconciles and how many ConfigMaps the last one saw.</summary>
public interface ICountingControllerGrain : IControllerGrain, IGrainWithStringKey
{
    Task<(int Reconciles, int ConfigMapsSeen)> GetCountsAsync(CancellationToken cancellationToken);
}
