using GitOps.GitSync.Grains;
using GitOps.GitSync.Options;
using Microsoft.Extensions.Options;

namespace GitOps.GitSync.Sources;

/// <summary>
/// Every defined source: those of this silo's configuration, and those added through the API, which
/// come from the source registry grain on every call, so every silo sees a source the moment any
/// silo adds or removes it.
/// </summary>
public sealed class SourceCatalog(IOptions<GitOpsOptions> options, IGrainFactory grains)
{
    private readonly Lazy<IReadOnlyDictionary<string, SourceSpec>> _configured = new(() => ReadConfigured(options.Value));

    public IReadOnlyCollection<SourceSpec> Configured => _configured.Value.Values.ToList();

    public async Task<IReadOnlyList<SourceSpec>> AllAsync(CancellationToken cancellationToken)
    {
        var configured = _configured.Value;
        var added = await Registry.GetApiSourcesAsync(cancellationToken);
        return configured.Values.Concat(added.Where(s => !configured.ContainsKey(s.Name)))
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<SourceSpec?> FindAsync(string name, CancellationToken cancellationToken) =>
        _configured.Value.TryGetValue(name, out var spec)
            ? spec
            : (await Registry.GetApiSourcesAsync(cancellationToken)).FirstOrDefault(s => s.Name == name);

    private ISourceRegistryGrain Registry => grains.GetGrain<ISourceRegistryGrain>(ISourceRegistryGrain.Key);

    private static Dictionary<string, SourceSpec> ReadConfigured(GitOpsOptions options)
    {
        var configured = new Dictionary<string, SourceSpec>(StringComparer.Ordinal);
        for (var i = 0; i < options.Sources.Count; i++)
        {
            var (spec, _) = SourceValidator.Validate(GitOpsOptionsValidator.ToSettings(options.Sources[i]),
                $"{GitOpsOptions.SectionName}:Sources:{i}", SourceOrigin.Configuration, options.Credentials);
            if (spec is not null)
                configured.TryAdd(spec.Name, spec);
        }
        return configured;
    }
}
