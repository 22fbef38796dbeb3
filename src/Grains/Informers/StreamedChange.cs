using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Informers;

/// <summary>
/// One change-log event as the follower hands it to <see cref="IChangeStreamHandler"/>s, with the object's
/// previous state when its kind's informer had it (null otherwise). Both objects are read-only.
/// </summary>
public readonly record struct StreamedChange(ChangeEvent Change, KubeObject? Previous);
