using GitOps.Grains.Metrics;

namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>
/// Reconcile counts and durations by controller, exposed at <c>/metrics</c>. Recording is a no-op
/// when no metrics registry is composed (some tests).
/// </summary>
public sealed class ControllerMetrics(IMetrics? metrics = null)
{
    private readonly IMetricCounter? _reconciles = metrics?.Counter(
        "gitops_reconciles_total", "Reconciles run, by controller and outcome (Succeeded, Failed, Gone).", "controller", "outcome");

    private readonly IMetricHistogram? _duration = metrics?.Histogram(
        "gitops_reconcile_duration_seconds", "Time one reconcile took, by controller.", MetricBuckets.LatencySeconds, "controller");

    public void Record(string controller, ReconcileOutcome outcome, TimeSpan elapsed)
    {
        _reconciles?.Increment(controller, outcome.ToString());
        _duration?.Observe(elapsed.TotalSeconds, controller);
    }
}
