using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>
/// What every controller grain answers, so the <see cref="ChangeDispatcher"/> can notify it. How to use:
/// declare your controller's grain interface as <c>IMyControllerGrain : IControllerGrain, IGrainWithStringKey</c>
/// and implement it by deriving from <see cref="ControllerGrain"/>, which does the coalescing, resync
/// reminder and retries. Many grain classes implement it, so always address a controller through its own
/// interface (<c>GetGrain&lt;IMyControllerGrain&gt;</c>), never through this one.
/// </summary>
[Alias("GitOps.IControllerGrain")]
public interface IControllerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Something this controller cares about changed at <paramref name="resourceVersion"/>. One-way, so
    /// notifications flow upward without call cycles. A notification at or below the version the grain's
    /// last successful reconcile already read is dropped (a burst of changes yields one reconcile).
    /// </summary>
    [OneWay]
    [Alias("NotifyAsync")]
    Task NotifyAsync(long resourceVersion, CancellationToken cancellationToken);
}
