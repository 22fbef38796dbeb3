namespace GitOps.Grains.Informers;

/// <summary>
/// Follows every change of every kind (custom resources included) as the change log has it: the raw
/// stream behind the informers, for the watch cache. How to use: register it in DI as
/// <c>IChangeStreamHandler</c> to get the stream from the oldest retained event on, or call
/// <see cref="SharedInformerFactory.Follow"/> to get it from now on. Calls come from the follower's loop:
/// keep them short and non-blocking, and never change the objects.
/// </summary>
public interface IChangeStreamHandler
{
    /// <summary>When true, the follower informs every kind it meets, so <see cref="StreamedChange.Previous"/> is known for all.</summary>
    bool InformsEveryKind => false;

    /// <summary>One batch of events, in resourceVersion order without gaps.</summary>
    void OnChanges(IReadOnlyList<StreamedChange> changes);

    /// <summary>
    /// The change log was compacted past <paramref name="after"/> (0: nothing was read yet): events were lost;
    /// the stream goes on after <c>max(after, oldestAvailable - 1)</c>.
    /// </summary>
    void OnExpired(long after, long oldestAvailable)
    {
    }

    /// <summary>The follower has read everything committed up to <paramref name="resourceVersion"/>.</summary>
    void OnCaughtUp(long resourceVersion)
    {
    }

    /// <summary>Reading the change log failed; the follower retries with backoff.</summary>
    void OnReadFailed(long after, Exception exception)
    {
    }
}
