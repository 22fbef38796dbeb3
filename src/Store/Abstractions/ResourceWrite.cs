using GitOps.Model.Objects;

namespace GitOps.Store;

public enum WriteKind { Create, Update, Delete }

/// <summary>
/// One write. <see cref="Object"/> is required for Create and Update. When
/// <see cref="ExpectedResourceVersion"/> is set, the write succeeds only if the stored object
/// has exactly that resourceVersion (optimistic concurrency).
/// </summary>
public sealed record ResourceWrite(WriteKind Kind, ResourceKey Key, KubeObject? Object = null, long? ExpectedResourceVersion = null)
{
    public static ResourceWrite Create(KubeObject obj) => new(WriteKind.Create, ResourceKey.Of(obj), obj);

    public static ResourceWrite Update(KubeObject obj, long? expectedResourceVersion = null) =>
        new(WriteKind.Update, ResourceKey.Of(obj), obj, expectedResourceVersion);

    public static ResourceWrite Delete(ResourceKey key, long? expectedResourceVersion = null) =>
        new(WriteKind.Delete, key, null, expectedResourceVersion);
}

public enum WriteOutcome { Ok, NotFound, AlreadyExists, Conflict }

/// <summary>
/// The outcome of one write. On success <see cref="Object"/> is the object as stored (with its new
/// resourceVersion; for a delete, the last state). On Conflict or AlreadyExists,
/// <see cref="Object"/> is the currently stored object.
/// </summary>
public sealed record WriteResult(WriteOutcome Outcome, long ResourceVersion, KubeObject? Object)
{
    public bool Succeeded => Outcome == WriteOutcome.Ok;
}
