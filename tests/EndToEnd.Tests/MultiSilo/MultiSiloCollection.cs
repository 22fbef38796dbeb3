namespace GitOps.EndToEnd.Tests.MultiSilo;

/// <summary>
/// The multi-silo tests run one at a time and alone: each starts three silo processes whose
/// membership probes (2 s timeout) must not starve for CPU behind other tests' processes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiSiloCollection
{
    public const string Name = "Multi-silo clusters";
}
