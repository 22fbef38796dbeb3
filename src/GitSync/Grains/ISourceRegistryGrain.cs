using GitOps.GitSync.Sources;
using GitOps.Runtime;

namespace GitOps.GitSync.Grains;

/// <summary>
/// The sources added through the API (persisted, so they survive restarts), and the names of the
/// sources configuration defined last time (so a source removed from configuration is stopped).
/// One instance, key <see cref="Key"/>.
/// </summary>
public interface ISourceRegistryGrain : IGrainWithStringKey
{
    public const string Key = "sources";

    Task<IReadOnlyList<SourceSpec>> GetApiSourcesAsync(CancellationToken cancellationToken);

    /// <summary>False when a source of that name is already registered.</summary>
    Task<bool> AddAsync(SourceSpec spec, CancellationToken cancellationToken);

    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken);

    /// <summary>Records the configuration's source names and answers those configured before but not now.</summary>
    Task<IReadOnlyList<string>> ReplaceConfigurationNamesAsync(IReadOnlyList<string> names, CancellationToken cancellationToken);
}
