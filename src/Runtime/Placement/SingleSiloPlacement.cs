using Microsoft.Extensions.Options;

namespace GitOps.Runtime.Placement;

/// <summary>The degenerate cluster of one silo: it owns every shard.</summary>
public sealed class SingleSiloPlacement(IOptions<GrainRuntimeOptions> options) : IGrainPlacement
{
    private readonly SiloAddress _localSilo = new(options.Value.SiloId);

    public int ShardCount { get; } = options.Value.ShardCount;

    public SiloAddress LocalSilo => _localSilo;

    public bool IsLocal(int shard) => true;

    public SiloAddress GetOwner(int shard) => _localSilo;
}
