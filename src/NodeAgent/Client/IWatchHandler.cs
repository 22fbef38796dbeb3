using GitOps.Model.Objects;

namespace GitOps.NodeAgent.Client;

/// <summary>Receives what a <see cref="ListWatcher"/> learns: the full set after each (re)list, then changes.</summary>
public interface IWatchHandler
{
    /// <summary>The complete current set; anything the handler knew and this set lacks is gone.</summary>
    Task ReplaceAsync(IReadOnlyList<KubeObject> items, CancellationToken cancellationToken);

    /// <summary>One ADDED, MODIFIED or DELETED event, in resourceVersion order.</summary>
    Task HandleAsync(WatchEventType type, KubeObject obj, CancellationToken cancellationToken);
}
