using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>
/// Maps store changes to the controller grains that must react (a pod change to its owner's controller,
/// to the scheduler when unbound, ...). How to use: implement it next to your controller and register it
/// with <c>services.AddSingleton&lt;IControllerWatch, MyWatch&gt;()</c>; the <see cref="ChangeDispatcher"/>
/// calls <see cref="Map"/> for every change of every kind (the shared informers' stream) and, when its silo
/// becomes leader or the change log expired, for every cached object of <see cref="Types"/> (as Modified), so a
/// lost change only delays. <see cref="ChangeEvent.Object"/> is the informer's object: read-only. Keep
/// <see cref="Map"/> cheap and side-effect free: it runs for every change in the cluster.
/// </summary>
public interface IControllerWatch
{
    /// <summary>The kinds whose cached objects a resync maps again (the dispatcher keeps their shared informers).</summary>
    IReadOnlyCollection<ResourceType> Types { get; }

    /// <summary>Adds to <paramref name="targets"/> the controllers that <paramref name="change"/> concerns.</summary>
    void Map(ChangeEvent change, ICollection<ControllerTarget> targets);

    /// <summary>
    /// Controllers to wake at start-up whatever is stored (singletons that keep their own view of the change
    /// log, such as the scheduler, must be running before changes happen). None by default.
    /// </summary>
    IReadOnlyCollection<ControllerTarget> StartupTargets => [];
}
