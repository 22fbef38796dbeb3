using GitOps.Model.Objects;

namespace GitOps.NodeAgent.Client;

public enum WatchEventType { Added, Modified, Deleted, Bookmark, Error }

/// <summary>One event of a watch stream. For <see cref="WatchEventType.Error"/>, <see cref="Object"/> is a Status.</summary>
public sealed record WatchEvent(WatchEventType Type, KubeObject Object)
{
    public static WatchEventType ParseType(string? type) => type switch
    {
        "ADDED" => WatchEventType.Added,
        "MODIFIED" => WatchEventType.Modified,
        "DELETED" => WatchEventType.Deleted,
        "BOOKMARK" => WatchEventType.Bookmark,
        _ => WatchEventType.Error,
    };
}
