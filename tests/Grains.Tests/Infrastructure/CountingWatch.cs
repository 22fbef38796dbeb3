using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Tests.Infrastructure;

/// <summary>Maps every ConfigMap change to the one counting controller.</summary>
internal sealed class CountingWatch : IControllerWatch
{
    public static readonly ResourceType ConfigMaps = new("", "ConfigMap");

    public IReadOnlyCollection<ResourceType> Types { get; } = [ConfigMaps];

    public void Map(ChangeEvent change, ICollection<ControllerTarget> targets)
    {
        if (change.Key.Type == ConfigMaps)
            targets.Add(ControllerTarget.For<ICountingControllerGrain>("counter"));
    }
}
