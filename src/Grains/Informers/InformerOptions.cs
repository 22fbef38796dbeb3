namespace GitOps.Grains.Informers;

/// <summary>
/// Settings of the shared informers, bound from <see cref="SectionName"/> (e.g. <c>GitOps:Informers:BatchSize</c>)
/// and validated at start-up by <see cref="InformerOptionsValidator"/>.
/// </summary>
public sealed class InformerOptions
{
    public const string SectionName = "GitOps:Informers";

    public const int DefaultBatchSize = 1000;
    public const int DefaultListPageSize = 500;
    public static readonly TimeSpan DefaultRetryBaseDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan DefaultRetryMaxDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultConsistentReadTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Change events read from the change log per batch.</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>Objects per page when an informer lists its kind.</summary>
    public int ListPageSize { get; set; } = DefaultListPageSize;

    /// <summary>First retry delay after a failed read of the change log; doubles per failure (with jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = DefaultRetryBaseDelay;

    public TimeSpan RetryMaxDelay { get; set; } = DefaultRetryMaxDelay;

    /// <summary>How long a consistent read waits for an informer to reach the store's resourceVersion before it fails.</summary>
    public TimeSpan ConsistentReadTimeout { get; set; } = DefaultConsistentReadTimeout;

    /// <summary>
    /// Keeps a serialized copy of every cached object and compares it when the object is replaced, so a
    /// caller that changed a cached object instead of a clone is reported (as client-go's cache mutation
    /// detector). Costs a second copy of every object: for tests.
    /// </summary>
    public bool DetectMutations { get; set; }
}
