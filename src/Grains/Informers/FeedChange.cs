using GitOps.Model.Objects;

namespace GitOps.Grains.Informers;

/// <summary>
/// One change handed out by a <see cref="ChangeQueue"/>: an object's latest state, or its removal
/// (<see cref="Object"/> is then its last state). The object is the informer's: never mutate it.
/// </summary>
public readonly record struct FeedChange(FeedChangeKind Kind, ResourceKey Key, KubeObject? Object);
