using GitOps.Grains.Controllers.Infrastructure;
using Orleans;
using Orleans.Runtime;

namespace GitOps.Grains.Controllers.GarbageCollection;

/// <summary>
/// The garbage collector: one grain (key <see cref="Key"/>) that keeps the ownership graph of every object
/// and carries out cascading deletion (background, foreground, orphan) as <see cref="GarbageCollectionPlanner"/> decides.
/// </summary>
[Alias("GitOps.IGarbageCollectorGrain")]
public interface IGarbageCollectorGrain : IControllerGrain, IGrainWithStringKey
{
    public const string Key = "garbage-collector";
}
