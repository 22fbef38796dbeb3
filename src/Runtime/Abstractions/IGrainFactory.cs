namespace GitOps.Runtime;

public interface IGrainFactory
{
    /// <summary>
    /// A reference to the grain with this key. Cheap; creates no activation. The activation is
    /// created on the first call, wherever the key's shard is owned.
    /// </summary>
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey;
}
