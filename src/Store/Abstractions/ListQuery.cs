using GitOps.Model.Objects;
using GitOps.Model.Selectors;

namespace GitOps.Store;

/// <summary>
/// A list of one type. <see cref="Namespace"/> null means all namespaces. <see cref="Limit"/> null
/// means no limit. <see cref="Continue"/> is the opaque token of the previous page.
/// </summary>
public sealed record ListQuery(
    ResourceType Type,
    string? Namespace = null,
    LabelSelector? Labels = null,
    FieldSelector? Fields = null,
    int? Limit = null,
    string? Continue = null);

/// <summary>
/// One page. <see cref="ResourceVersion"/> is the snapshot the list was read at;
/// <see cref="Continue"/> is null on the last page. <see cref="Expired"/> means the continue
/// token's snapshot has been compacted away (the client must list again); <see cref="InvalidContinue"/>
/// means the token was malformed.
/// </summary>
public sealed record ListPage(
    IReadOnlyList<KubeObject> Items,
    long ResourceVersion,
    string? Continue,
    long? RemainingItemCount,
    bool Expired = false,
    bool InvalidContinue = false);

public enum ChangeType { Added, Modified, Deleted }

/// <summary>One change-log entry: the object as it was after the write (for Deleted, its last state).</summary>
public sealed record ChangeEvent(long ResourceVersion, ChangeType Type, ResourceKey Key, KubeObject Object);

/// <summary>
/// Change events in resourceVersion order. <see cref="Expired"/>: the requested start has been
/// compacted away; <see cref="OldestAvailable"/> tells from where the log is complete.
/// </summary>
public sealed record ChangeBatch(IReadOnlyList<ChangeEvent> Events, bool Expired, long OldestAvailable);
