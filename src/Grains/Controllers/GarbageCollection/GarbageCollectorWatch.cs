using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Objects;
using GitOps.Model.Registry;
using GitOps.Store;

namespace GitOps.Grains.Controllers.GarbageCollection;

/// <summary>Wakes the garbage collector when any object is deleted or starts being deleted.</summary>
public sealed class GarbageCollectorWatch : IControllerWatch
{
    /// <summary>
    /// Kinds listed to build the graph at start-up: those the kind registry marks as collected with
    /// their owners; other kinds join once they appear in the change log.
    /// </summary>
    public static readonly IReadOnlyCollection<ResourceType> KnownTypes =
        KindRegistry.BuiltIn.Where(k => k.CollectedWithOwners).Select(k => k.Type).ToArray();

    private static readonly ControllerTarget Collector = ControllerTarget.For<IGarbageCollectorGrain>(IGarbageCollectorGrain.Key);

    public IReadOnlyCollection<ResourceType> Types => [];

    public IReadOnlyCollection<ControllerTarget> StartupTargets { get; } = [Collector];

    public void Map(ChangeEvent change, ICollection<ControllerTarget> targets)
    {
        if (change.Type == ChangeType.Deleted || change.Object.Metadata.Node["deletionTimestamp"] is not null)
            targets.Add(Collector);
    }
}
