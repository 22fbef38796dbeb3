using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>
/// One change handed to a <see cref="ResourceFeed"/> handler. <see cref="Object"/> is the stored object
/// (for Deleted, its last state, or null when the deletion was found by a relist). Never mutate it.
/// </summary>
public readonly record struct FeedChange(FeedChangeKind Kind, ResourceKey Key, KubeObject? Object);
