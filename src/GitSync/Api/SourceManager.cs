using GitOps.GitSync.Grains;
using GitOps.GitSync.Options;
using GitOps.GitSync.Sources;
using GitOps.GitSync.Status;
using GitOps.GitSync.Sync;
using GitOps.Grains.Health;
using GitOps.Model.Objects;
using Orleans;
using Orleans.Runtime;
using Microsoft.Extensions.Options;

namespace GitOps.GitSync.Api;

/// <summary>What the GitOps API does with sources: list, add, remove, status, history, trigger, dry-run diff.</summary>
public sealed class SourceManager(
    IGrainFactory grains,
    SourceCatalog catalog,
    ClusterSummary summary,
    DiffPreviewer previewer,
    IOptions<GitOpsOptions> options)
{
    public Task<IReadOnlyList<SourceSpec>> ListAsync(CancellationToken cancellationToken) => catalog.AllAsync(cancellationToken);

    public async Task<SourceChange> AddAsync(SourceSettings settings, CancellationToken cancellationToken)
    {
        var (spec, errors) = SourceValidator.Validate(settings, "", SourceOrigin.Api, options.Value.Credentials);
        if (spec is null)
            return new SourceChange(SourceChangeOutcome.Invalid, null, errors);
        if (await catalog.FindAsync(spec.Name, cancellationToken) is not null)
            return new SourceChange(SourceChangeOutcome.Conflict, null, [$"A source named '{spec.Name}' already exists: choose another name or delete it first."]);
        if (!await Registry.AddAsync(spec, cancellationToken))
            return new SourceChange(SourceChangeOutcome.Conflict, null, [$"A source named '{spec.Name}' already exists: choose another name or delete it first."]);
        await grains.GetGrain<IGitSourceGrain>(spec.Name).ConfigureAsync(spec, cancellationToken);
        return new SourceChange(SourceChangeOutcome.Done, spec, []);
    }

    public async Task<SourceChange> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var spec = await catalog.FindAsync(name, cancellationToken);
        if (spec is null)
            return new SourceChange(SourceChangeOutcome.NotFound, null, [$"No source is named '{name}'."]);
        if (spec.Origin == SourceOrigin.Configuration)
            return new SourceChange(SourceChangeOutcome.Conflict, spec,
                [$"Source '{name}' is defined in configuration (GitOps:Sources); remove it there and restart."]);
        await Registry.RemoveAsync(name, cancellationToken);
        await grains.GetGrain<IGitSourceGrain>(name).RemoveAsync(cancellationToken);
        return new SourceChange(SourceChangeOutcome.Done, spec, []);
    }

    public async Task<SourceDetails?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(name, cancellationToken) is null)
            return null;
        var status = await grains.GetGrain<IGitSourceGrain>(name).GetStatusAsync(cancellationToken);
        if (status is null)
            return null;
        var objects = status.Objects.Select(o =>
        {
            var key = ResourceKey.Parse(o.Key);
            var health = o.Path is null ? null : summary.HealthOf(o.Key);
            return new ObjectDetails(key.Kind, key.Namespace.Length == 0 ? null : key.Namespace, key.Name, o.Path, o.Status.ToString(), o.Message,
                (health?.Status ?? (o.Path is null ? HealthStatusCode.Missing : HealthStatusCode.Unknown)).ToString(), health?.Message);
        }).ToList();
        var rolledUp = HealthAssessor.Worst(objects.Select(o => Enum.Parse<HealthStatusCode>(o.Health)));
        return new SourceDetails(status, rolledUp, objects);
    }

    public async Task<IReadOnlyList<SyncRunRecord>?> GetHistoryAsync(string name, CancellationToken cancellationToken) =>
        await catalog.FindAsync(name, cancellationToken) is null ? null : await grains.GetGrain<IGitSourceGrain>(name).GetHistoryAsync(cancellationToken);

    public async Task<TriggerResult> TriggerAsync(string name, string trigger, CancellationToken cancellationToken) =>
        await catalog.FindAsync(name, cancellationToken) is null
            ? new TriggerResult(TriggerOutcome.UnknownSource, 0)
            : await grains.GetGrain<IGitSourceGrain>(name).TriggerSyncAsync(trigger, cancellationToken);

    public async Task<SyncDiff?> DiffAsync(string name, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(name, cancellationToken) is not { } spec)
            return null;
        var inventory = await grains.GetGrain<IGitSourceGrain>(name).GetInventoryAsync(cancellationToken);
        return await previewer.PreviewAsync(spec, inventory, cancellationToken);
    }

    private ISourceRegistryGrain Registry => grains.GetGrain<ISourceRegistryGrain>(ISourceRegistryGrain.Key);
}
