namespace GitOps.Grains.Metrics;

/// <summary>
/// The process's metrics registry, exposed by the gateway at <c>/metrics</c> in Prometheus text
/// format. Components take it from DI (it may be absent in tests: take it as optional) and create
/// their instruments once, then record into them. Asking twice for the same name returns the same
/// instrument; asking with another type or other label names throws, naming the metric.
/// Names follow Prometheus conventions: <c>gitops_sync_runs_total</c>, <c>gitops_reconcile_duration_seconds</c>.
/// </summary>
public interface IMetrics
{
    IMetricCounter Counter(string name, string help, params string[] labelNames);

    IMetricGauge Gauge(string name, string help, params string[] labelNames);

    /// <summary>A histogram with the given upper bounds (ascending; +Inf is implied), e.g. <see cref="MetricBuckets.LatencySeconds"/>.</summary>
    IMetricHistogram Histogram(string name, string help, IReadOnlyList<double> buckets, params string[] labelNames);
}
