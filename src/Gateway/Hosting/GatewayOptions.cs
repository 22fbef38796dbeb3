namespace GitOps.Gateway.Hosting;

/// <summary>Settings of the gateway, bound from the configuration section <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";
    public const long DefaultMaxRequestBodyBytes = 3 * 1024 * 1024;
    public const int DefaultWatchCacheCapacity = 50_000;
    public const int DefaultWatcherBufferSize = 10_000;
    public const int DefaultChangeReadBatchSize = 1_000;
    public const int DefaultBookmarkIntervalSeconds = 60;
    public const int DefaultMaxWatchTimeoutSeconds = 1_800;
    public const long DefaultWatchCacheMaxBytes = 64L * 1024 * 1024;
    public const int DefaultWatchCacheWindowSeconds = 150;
    public const int DefaultMaxWatchers = 5_000;
    public const int DefaultMaxRequestsInFlight = 400;
    public const int DefaultMaxMutatingRequestsInFlight = 200;

    /// <summary>Request bodies larger than this are refused with 413 (Kubernetes allows 3 MiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>How many recent change events the watch cache keeps in memory for watches that resume.</summary>
    public int WatchCacheCapacity { get; set; } = DefaultWatchCacheCapacity;

    /// <summary>
    /// The most the watch cache's ring holds, in bytes of the events' serialized objects (an event that also
    /// holds the object's previous state counts twice; the parsed objects the ring keeps take several times
    /// that in memory); the oldest events are evicted first. A watch from a version evicted from the ring reads
    /// the store's change log instead.
    /// </summary>
    public long WatchCacheMaxBytes { get; set; } = DefaultWatchCacheMaxBytes;

    /// <summary>
    /// How long the watch cache keeps an event (kube-apiserver keeps 75 s): the ring holds the last this-many
    /// seconds of changes, so its size follows the write rate instead of filling up to its capacity over hours.
    /// </summary>
    public int WatchCacheWindowSeconds { get; set; } = DefaultWatchCacheWindowSeconds;

    /// <summary>Watches open at once on this silo; one more is refused with 429 TooManyRequests and Retry-After.</summary>
    public int MaxWatchers { get; set; } = DefaultMaxWatchers;

    /// <summary>
    /// Read requests (GET, HEAD, OPTIONS; watches excepted) answered at once, as kube-apiserver's
    /// --max-requests-inflight; one more is refused with 429 TooManyRequests and Retry-After.
    /// </summary>
    public int MaxRequestsInFlight { get; set; } = DefaultMaxRequestsInFlight;

    /// <summary>Writes (POST, PUT, PATCH, DELETE) answered at once, as kube-apiserver's --max-mutating-requests-inflight.</summary>
    public int MaxMutatingRequestsInFlight { get; set; } = DefaultMaxMutatingRequestsInFlight;

    /// <summary>Events queued for one watcher before it is closed as too slow (it then re-lists).</summary>
    public int WatcherBufferSize { get; set; } = DefaultWatcherBufferSize;

    /// <summary>Change events the watch cache reads from the store per call.</summary>
    public int ChangeReadBatchSize { get; set; } = DefaultChangeReadBatchSize;

    /// <summary>How often a watch with allowWatchBookmarks=true gets a BOOKMARK event.</summary>
    public int BookmarkIntervalSeconds { get; set; } = DefaultBookmarkIntervalSeconds;

    /// <summary>The longest a watch stays open; also the length of a watch without timeoutSeconds.</summary>
    public int MaxWatchTimeoutSeconds { get; set; } = DefaultMaxWatchTimeoutSeconds;

    /// <summary>
    /// Host names (besides localhost, the machine's names, the bound names and any IP address) that requests may
    /// carry in their Host header; a request for another name gets 400. <c>*</c> accepts every host.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>The silo's cluster address (<c>GitOps:Cluster:AdvertisedAddress</c>), a name other silos and agents may use; set by AddGateway.</summary>
    public string? AdvertisedAddress { get; set; }
}
