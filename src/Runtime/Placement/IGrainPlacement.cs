namespace GitOps.Runtime.Placement;

/// <summary>
/// Decides which silo owns each shard. The single-silo placement owns every shard; a multi-silo
/// placement (shard leases in PostgreSQL) implements the same contract, and calls to shards owned
/// elsewhere go to <see cref="IRemoteGrainInvoker"/>. Grain code never sees the difference.
/// </summary>
public interface IGrainPlacement
{
    int ShardCount { get; }

    SiloAddress LocalSilo { get; }

    /// <summary>True when this silo owns the shard (hot path: called on every grain call).</summary>
    bool IsLocal(int shard);

    /// <summary>The silo that owns the shard now.</summary>
    SiloAddress GetOwner(int shard);
}
