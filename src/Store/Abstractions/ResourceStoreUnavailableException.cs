namespace GitOps.Store;

/// <summary>
/// The store cannot serve the call now: its database is down, restarting or unreachable, or it
/// holds more queued writes than it takes (<see cref="PostgreSqlResourceStoreOptions.MaxQueuedWrites"/>).
/// Nothing waits for the database to return: the caller fails at once and may retry. A write that
/// fails this way was not acknowledged; if the connection broke during its commit it may still have
/// been applied, so a retry must read the object again (as a write with a precondition does).
/// It carries the database's error in its message, not as an inner exception, so it crosses grain
/// calls between silos intact (the grain runtime serializes exceptions of GitOps types only).
/// </summary>
public sealed class ResourceStoreUnavailableException(string message) : Exception(message)
{
    /// <summary>
    /// This exception in <paramref name="e"/> or its inner exceptions; null when there is none. Orleans wraps a grain
    /// storage failure in its own exception (also when a grain activating read its state), with this one inside.
    /// </summary>
    public static ResourceStoreUnavailableException? FindIn(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is ResourceStoreUnavailableException unavailable)
                return unavailable;
        }
        return null;
    }
}
