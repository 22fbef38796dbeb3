using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Objects;
using GitOps.Runtime;
using GitOps.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Tests.Infrastructure;

/// <summary>A test controller that counts its reconciles and how many ConfigMaps the last one saw.</summary>
public interface ICountingControllerGrain : IControllerGrain, IGrainWithStringKey
{
    Task<(int Reconciles, int ConfigMapsSeen)> GetCountsAsync(CancellationToken cancellationToken);
}

internal sealed class CountingControllerGrain(IResourceStore store, IOptions<ControllerOptions> options, ILogger<CountingControllerGrain> logger)
    : ControllerGrain(store, options.Value, logger), ICountingControllerGrain
{
    private int _reconciles;
    private int _seen;

    public Task<(int Reconciles, int ConfigMapsSeen)> GetCountsAsync(CancellationToken cancellationToken) =>
        Task.FromResult((_reconciles, _seen));

    protected override async Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        _reconciles++;
        var page = await Store.ListAsync(new ListQuery(CountingWatch.ConfigMaps), cancellationToken);
        _seen = page.Items.Count;
        return ReconcileResult.Success();
    }
}

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
