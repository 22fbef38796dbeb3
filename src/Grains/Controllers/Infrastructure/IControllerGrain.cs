using GitOps.Runtime;

namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>
/// What every controller grain answers, so the <see cref="ChangeDispatcher"/> can notify it. How to use:
/// declare your controller's grain interface as <c>IMyControllerGrain : IControllerGrain, IGrainWithStringKey</c>
/// and implement it by deriving from <see cref="ControllerGrain"/>, which does the coalescing, resync
/// reminder and retries. This interface deliberately does not extend <see cref="IGrain"/>: it is shared
/// by many grain classes, and the runtime maps each grain interface to exactly one class.
/// </summary>
public interface IControllerGrain
{
    /// <summary>
    /// Something this controller cares about changed at <paramref name="resourceVersion"/>. One-way, so
    /// notifications flow upward without call cycles. A notification at or below the version the grain's
    /// last successful reconcile already read is dropped (a burst of changes yields one reconcile).
    /// </summary>
    [OneWay]
    Task NotifyAsync(long resourceVersion, CancellationToken cancellationToken);
}
