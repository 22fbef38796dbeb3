using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Objects;
using Orleans;
using GitOps.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Tests.Infrastructure;

/// <summary>Counts reconciles; each one lists the ConfigMaps from the shared informer, as a level-based controller re-reads state.</summary>
internal sealed class CountingControllerGrain(IResourceStore store, IOptions<ControllerOptions> options, ControllerMetrics metrics, ILogger<CountingControllerGrain> logger)
    : ControllerGrain(store, options.Value, metrics, logger), ICountingControllerGrain
{
    private int _reconciles;
    private int _seen;

    public Task<(int Reconciles, int ConfigMapsSeen)> GetCountsAsync(CancellationToken cancellationToken) =>
        Task.FromResult((_reconciles, _seen));

    protected override async Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        _reconciles++;
        _seen = (await InformerAsync(CountingWatch.ConfigMaps, cancellationToken)).List().Count;
        return ReconcileResult.Success();
    }
}
