using GitOps.GitSync.Sources;
using GitOps.GitSync.Status;
using Orleans.Concurrency;
using Orleans;
using Orleans.Runtime;

namespace GitOps.GitSync.Grains;

/// <summary>
/// The sources added through the API (persisted, so they survive restarts), and the names of the
/// sources configuration defined last time (so a source removed from configuration is stopped),
/// and the latest summary of every source, which each source grain reports wherever it runs.
/// One instance in the cluster, key <see cref="Key"/>.
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

    /// <summary>A source's latest summary; null when the source is gone. One-way: source grains report and move on.</summary>
    [OneWay]
    [Alias("ReportAsync")]
    Task ReportAsync(string name, SourceSummary? summary, CancellationToken cancellationToken);

    /// <summary>Every source's summary, with a version that changes whenever one does.</summary>
    [Alias("GetSummariesAsync")]
    Task<SourceSummaries> GetSummariesAsync(CancellationToken cancellationToken);
}

/// <summary>Every source's summary; <see cref="Version"/> changes whenever one does.</summary>
[GenerateSerializer, Alias("GitOps.SourceSummaries")]
public sealed record SourceSummaries(long Version, IReadOnlyList<SourceSummary> Sources);
