namespace GitOps.Store;

/// <summary>Settings of the PostgreSQL resource store, validated when the store is created.</summary>
public sealed class PostgreSqlResourceStoreOptions
{
    public const int DefaultMaxBatchSize = 500;
    public const int DefaultMaxQueuedWrites = 20_000;
    public static readonly TimeSpan DefaultChangePollInterval = TimeSpan.FromSeconds(2);

    /// <summary>Npgsql connection string of the database that holds the db/002_resources.sql schema.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The most writes the group-commit loop puts in one transaction.</summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>
    /// The most writes waiting for the group-commit loop; past it a write fails at once with
    /// <see cref="ResourceStoreUnavailableException"/> (503 at the API) instead of queueing in memory.
    /// </summary>
    public int MaxQueuedWrites { get; set; } = DefaultMaxQueuedWrites;

    /// <summary>
    /// How often change waiters re-read the current resourceVersion in case a LISTEN/NOTIFY
    /// notification from another process was lost.
    /// </summary>
    public TimeSpan ChangePollInterval { get; set; } = DefaultChangePollInterval;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw new InvalidOperationException("The PostgreSQL resource store needs a connection string: set PostgreSqlResourceStoreOptions.ConnectionString (AddPostgreSqlResourceStore(connectionString)).");
        if (MaxBatchSize is < 1 or > 10_000)
            throw new InvalidOperationException($"PostgreSqlResourceStoreOptions.MaxBatchSize is {MaxBatchSize}; set it between 1 and 10000.");
        if (MaxQueuedWrites < MaxBatchSize)
            throw new InvalidOperationException($"PostgreSqlResourceStoreOptions.MaxQueuedWrites is {MaxQueuedWrites}; set it to at least MaxBatchSize ({MaxBatchSize}).");
        if (ChangePollInterval < TimeSpan.FromMilliseconds(10) || ChangePollInterval > TimeSpan.FromMinutes(5))
            throw new InvalidOperationException($"PostgreSqlResourceStoreOptions.ChangePollInterval is {ChangePollInterval}; set it between 10 ms and 5 minutes.");
    }
}
