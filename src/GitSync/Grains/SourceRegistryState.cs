using GitOps.GitSync.Sources;

namespace GitOps.GitSync.Grains;

public sealed class SourceRegistryState
{
    public List<SourceSpec> ApiSources { get; set; } = [];

    public List<string> ConfigurationNames { get; set; } = [];
}
