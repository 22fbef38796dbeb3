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
        // The previous state is about the size of the object; serializing it only to weigh it would cost every event.
        Bytes = ObjectJson.Length * (previous is null ? 1L : 2L);
        CachedAt = Environment.TickCount64;
    }

    /// <summary>When the cache took the event (milliseconds of <see cref="Environment.TickCount64"/>), for its time window.</summary>
    public long CachedAt { get; }

    public ChangeEvent Change { get; }

    public KubeObject? Previous { get; }

    public byte[] ObjectJson { get; }

    /// <summary>What the event weighs in the watch cache's byte bound: its serialized object, twice when it holds the previous state.</summary>
    public long Bytes { get; }

    public long ResourceVersion => Change.ResourceVersion;

    public ResourceKey Key => Change.Key;
}
