using GitOps.Model.Objects;

namespace GitOps.Grains.Informers;

/// <summary>
/// Receives one kind's changes from its <see cref="Informer"/>, in resourceVersion order, each object
/// version at most once. How to use: <c>informer.AddHandler(handler)</c> first hands over every cached
/// object as added, then each change. Calls come from the silo's change-log follower while the informer
/// holds its lock: keep them short and non-blocking (queue work elsewhere), never call back into the same
/// informer's writers, and never change the objects (clone first).
/// </summary>
public interface IInformerHandler
{
    void OnAdded(KubeObject obj);

    void OnUpdated(KubeObject old, KubeObject current);

    /// <summary>
    /// <paramref name="last"/> is the object's last state; <paramref name="resourceVersion"/> the deletion's
    /// (for a deletion found by a relist, the list's snapshot).
    /// </summary>
    void OnDeleted(KubeObject last, long resourceVersion);
}
