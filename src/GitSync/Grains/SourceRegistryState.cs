using GitOps.GitSync.Sources;

namespace GitOps.GitSync.Grains;

[GenerateSerializer, Alias("GitOps.SourceRegistryState")]
public sealed class SourceRegistryState
{
    [Id(0)]
    public List<SourceSpec> ApiSources { get; set; } = [];

    [Id(1)]
    public List<string> ConfigurationNames { get; set; } = [];
}
