using GitOps.GitSync.Sources;
using Orleans;
using Orleans.Runtime;

namespace GitOps.GitSync.Grains;

internal sealed class SourceRegistryGrain([PersistentState("registry")] IPersistentState<SourceRegistryState> state)
    : Grain, ISourceRegistryGrain
{
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
}
