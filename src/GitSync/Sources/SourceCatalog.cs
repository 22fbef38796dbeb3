using System.Collections.Concurrent;
using GitOps.GitSync.Options;
using Microsoft.Extensions.Options;

namespace GitOps.GitSync.Sources;

/// <summary>
/// Every defined source, in memory: those from configuration and those added through the API.
/// Answers synchronously, for the write guard and webhook matching.
/// </summary>
public sealed class SourceCatalog
{
    private readonly IReadOnlyDictionary<string, SourceSpec> _configured;
    private readonly ConcurrentDictionary<string, SourceSpec> _added = new(StringComparer.Ordinal);

    public SourceCatalog(IOptions<GitOpsOptions> options)
    {
        var value = options.Value;
        var configured = new Dictionary<string, SourceSpec>(StringComparer.Ordinal);
        for (var i = 0; i < value.Sources.Count; i++)
        {
            var (spec, _) = SourceValidator.Validate(GitOpsOptionsValidator.ToSettings(value.Sources[i]),
                $"{GitOpsOptions.SectionName}:Sources:{i}", SourceOrigin.Configuration, value.Credentials.Keys);
            if (spec is not null)
                configured.TryAdd(spec.Name, spec);
        }
        _configured = configured;
    }

    public IReadOnlyCollection<SourceSpec> Configured => _configured.Values.ToList();

    public IReadOnlyList<SourceSpec> All() =>
        _configured.Values.Concat(_added.Values.Where(s => !_configured.ContainsKey(s.Name))).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    public SourceSpec? Find(string name) =>
        _configured.TryGetValue(name, out var spec) ? spec : _added.GetValueOrDefault(name);

    internal void Add(SourceSpec spec) => _added[spec.Name] = spec;

    internal void Remove(string name) => _added.TryRemove(name, out _);
}
