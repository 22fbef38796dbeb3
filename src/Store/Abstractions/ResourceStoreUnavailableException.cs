namespace GitOps.Store;

/// <summary>
/// The store cannot serve the call now: its database is down, restarting or unreachable, or it
/// holds more queued writes than it takes (<see cref="PostgreSqlResourceStoreOptions.MaxQueuedWrites"/>).
/// Nothing waits for the database to return: the caller fails at once and may retry. A write that
/// fails this way was not acknowledged; if the connection broke during its commit it may still have
/// been applied, so a retry must read the object again (as a write with a precondition does).
/// </summary>
public sealed class ResourceStoreUnavailableException : Exception
{
    public ResourceStoreUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
