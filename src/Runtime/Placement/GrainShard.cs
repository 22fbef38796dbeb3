using GitOps.Runtime.Storage;

namespace GitOps.Runtime.Placement;

/// <summary>
/// Maps a grain id to one of a fixed number of shards with a stable hash (FNV-1a over the UTF-16
/// code units of type, a separator and key), so every silo and every process version agrees.
/// Never string.GetHashCode: it is randomized per process.
/// </summary>
public static class GrainShard
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static int Of(GrainId grainId, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        var hash = OffsetBasis;
        hash = Mix(hash, grainId.Type);
        hash = (hash ^ '/') * Prime;
        hash = Mix(hash, grainId.Key);
        return (int)(hash % (uint)shardCount);
    }

    private static uint Mix(uint hash, string value)
    {
        foreach (var c in value)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }
        return hash;
    }
}
