using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Gateway.Watch;

/// <summary>
/// A change event as the watch cache keeps it: the object serialized once for every watcher,
/// and the object's previous state when the cache saw it (so a watcher with a selector can tell
/// that an object stopped matching). The informers' follower has materialized the objects' JSON
/// trees before sharing them, so concurrent readers never race on lazy initialization.
/// </summary>
internal sealed class CachedEvent
{
    public CachedEvent(ChangeEvent change, KubeObject? previous)
    {
        Change = change;
        Previous = previous;
        ObjectJson = change.Object.ToUtf8Json();
    }

    public ChangeEvent Change { get; }

    public KubeObject? Previous { get; }

    public byte[] ObjectJson { get; }

    public long ResourceVersion => Change.ResourceVersion;

    public ResourceKey Key => Change.Key;
}
