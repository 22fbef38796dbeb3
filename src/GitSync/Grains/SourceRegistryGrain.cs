using GitOps.GitSync.Sources;
using GitOps.GitSync.Status;

namespace GitOps.GitSync.Grains;

internal sealed class SourceRegistryGrain([PersistentState("registry")] IPersistentState<SourceRegistryState> state)
    : Grain, ISourceRegistryGrain
{
    private readonly Dictionary<string, SourceSummary> _summaries = new(StringComparer.Ordinal);

    // Starts from the clock, so a reactivated registry never answers a version a reader already saw.
    private long _version = DateTimeOffset.UtcNow.UtcTicks;

    /// <summary>Summaries are not persisted: each known source grain reports its own again (activating it if needed).</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var names = state.State.ApiSources.Select(s => s.Name).Concat(state.State.ConfigurationNames).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (await GrainFactory.GetGrain<IGitSourceGrain>(name).GetSummaryAsync(cancellationToken) is { } summary)
                _summaries[name] = summary;
        }
    }

    public Task<IReadOnlyList<SourceSpec>> GetApiSourcesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SourceSpec>>(state.State.ApiSources.ToList());

    public async Task<bool> AddAsync(SourceSpec spec, CancellationToken cancellationToken)
    {
        if (state.State.ApiSources.Any(s => s.Name == spec.Name))
            return false;
        state.State.ApiSources.Add(spec);
        await state.WriteStateAsync(cancellationToken);
        return true;
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        if (state.State.ApiSources.RemoveAll(s => s.Name == name) == 0)
            return false;
        await state.WriteStateAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<string>> ReplaceConfigurationNamesAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var dropped = state.State.ConfigurationNames.Except(names, StringComparer.Ordinal).ToList();
        if (dropped.Count > 0 || !names.SequenceEqual(state.State.ConfigurationNames))
        {
            state.State.ConfigurationNames = names.ToList();
            await state.WriteStateAsync(cancellationToken);
        }
        return dropped;
    }

    public Task ReportAsync(string name, SourceSummary? summary, CancellationToken cancellationToken)
    {
        var changed = summary is null ? _summaries.Remove(name) : !Equals(_summaries.GetValueOrDefault(name), summary);
        if (summary is not null)
            _summaries[name] = summary;
        if (changed)
            _version++;
        return Task.CompletedTask;
    }

    public Task<SourceSummaries> GetSummariesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new SourceSummaries(_version, _summaries.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList()));
}
