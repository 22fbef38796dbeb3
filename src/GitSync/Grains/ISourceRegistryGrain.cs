using GitOps.GitSync.Sources;
using Orleans;
using Orleans.Runtime;

namespace GitOps.GitSync.Grains;

/// <summary>
/// The sources added through the API (persisted, so they survive restarts), and the names of the
/// sources configuration defined last time (so a source removed from configuration is stopped).
/// One instance, key <see cref="Key"/>.
/// </summary>
[Alias("GitOps.ISourceRegistryGrain")]
public interface ISourceRegistryGrain : IGrainWithStringKey
{
    public const string Key = "sources";

    [Alias("GetApiSourcesAsync")]
    Task<IReadOnlyList<SourceSpec>> GetApiSourcesAsync(CancellationToken cancellationToken);

    /// <summary>False when a source of that name is already registered.</summary>
    [Alias("AddAsync")]
    Task<bool> AddAsync(SourceSpec spec, CancellationToken cancellationToken);

    [Alias("RemoveAsync")]
    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken);

    /// <summary>Records the configuration's source names and answers those configured before but not now.</summary>
    [Alias("ReplaceConfigurationNamesAsync")]
    Task<IReadOnlyList<string>> ReplaceConfigurationNamesAsync(IReadOnlyList<string> names, CancellationToken cancellationToken);
}
