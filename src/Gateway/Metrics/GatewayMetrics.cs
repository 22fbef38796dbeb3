using GitOps.Grains.Metrics;

namespace GitOps.Gateway.Metrics;

/// <summary>The instruments the gateway records into.</summary>
public sealed class GatewayMetrics(IMetrics metrics)
{
    public IMetricCounter HttpRequests { get; } = metrics.Counter(
        "gitops_http_requests_total", "HTTP requests answered, by route template, method and status code.", "route", "method", "code");

    public IMetricHistogram HttpDuration { get; } = metrics.Histogram(
        "gitops_http_request_duration_seconds", "Time to answer an HTTP request (watches: the life of the stream), by route template and method.",
        MetricBuckets.LatencySeconds, "route", "method");

    public IMetricGauge WatchConnections { get; } = metrics.Gauge(
        "gitops_watch_connections", "Open watch streams.");

    public IMetricCounter WatchEvents { get; } = metrics.Counter(
        "gitops_watch_events_sent_total", "Watch events written to clients, by type.", "type");

    public IMetricCounter WatchersClosedSlow { get; } = metrics.Counter(
        "gitops_watch_slow_closed_total", "Watch streams closed because the client fell too far behind.");

    public IMetricGauge WatchCacheBytes { get; } = metrics.Gauge(
        "gitops_watch_cache_bytes", "Bytes the watch cache's ring holds (serialized objects; bounded by Gateway:WatchCacheMaxBytes).");

    public IMetricGauge WatchCacheEvents { get; } = metrics.Gauge(
        "gitops_watch_cache_events", "Events the watch cache's ring holds (bounded by Gateway:WatchCacheCapacity).");

    public IMetricCounter RequestsRejected { get; } = metrics.Counter(
        "gitops_requests_rejected_total", "Requests refused with 429 because a limit of this silo was reached, by limit (setting).", "limit");

    public IMetricGauge WatchCacheResourceVersion { get; } = metrics.Gauge(
        "gitops_watch_cache_resource_version", "The latest resourceVersion the watch cache has read from the change log.");

    public IMetricHistogram StorageDuration { get; } = metrics.Histogram(
        "gitops_storage_duration_seconds", "Latency of resource-store calls made by the gateway, by operation.",
        MetricBuckets.LatencySeconds, "operation");
}
