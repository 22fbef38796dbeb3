using GitOps.Gateway.Metrics;
using GitOps.Grains.Metrics;

namespace GitOps.Gateway.Tests.Units;

public sealed class MetricsRegistryTests
{
    [Fact]
    public void Renders_counters_gauges_and_cumulative_histograms_in_Prometheus_text_format()
    {
        var registry = new PrometheusMetrics();
        IMetrics metrics = registry;
        metrics.Counter("gitops_sync_runs_total", "Sync runs.", "source", "result").Increment("apps", "ok");
        metrics.Counter("gitops_sync_runs_total", "Sync runs.", "source", "result").Add(2, "apps", "ok");
        metrics.Gauge("gitops_nodes_ready", "Ready nodes.").Set(3);
        var histogram = metrics.Histogram("gitops_reconcile_duration_seconds", "Reconcile time.", [0.1, 1], "controller");
        histogram.Observe(0.05, "deployment");
        histogram.Observe(0.5, "deployment");
        histogram.Observe(5, "deployment");

        var text = registry.Render();

        Assert.Contains("# TYPE gitops_sync_runs_total counter\ngitops_sync_runs_total{source=\"apps\",result=\"ok\"} 3\n", text);
        Assert.Contains("# TYPE gitops_nodes_ready gauge\ngitops_nodes_ready 3\n", text);
        Assert.Contains("gitops_reconcile_duration_seconds_bucket{controller=\"deployment\",le=\"0.1\"} 1\n", text);
        Assert.Contains("gitops_reconcile_duration_seconds_bucket{controller=\"deployment\",le=\"1\"} 2\n", text);
        Assert.Contains("gitops_reconcile_duration_seconds_bucket{controller=\"deployment\",le=\"+Inf\"} 3\n", text);
        Assert.Contains("gitops_reconcile_duration_seconds_sum{controller=\"deployment\"} 5.55\n", text);
        Assert.Contains("gitops_reconcile_duration_seconds_count{controller=\"deployment\"} 3\n", text);
    }

    [Fact]
    public void Label_values_are_escaped()
    {
        var registry = new PrometheusMetrics();
        registry.Counter("gitops_errors_total", "Errors.", "message").Increment("say \"hi\"\nnow");

        Assert.Contains("gitops_errors_total{message=\"say \\\"hi\\\"\\nnow\"} 1", registry.Render());
    }

    [Fact]
    public void Registering_a_name_again_with_another_type_or_labels_is_refused_naming_the_metric()
    {
        var registry = new PrometheusMetrics();
        registry.Counter("gitops_things_total", "Things.", "kind");

        var otherType = Assert.Throws<InvalidOperationException>(() => registry.Gauge("gitops_things_total", "Things."));
        var otherLabels = Assert.Throws<InvalidOperationException>(() => registry.Counter("gitops_things_total", "Things.", "name"));
        var badName = Assert.Throws<ArgumentException>(() => registry.Counter("gitops-things", "Things."));

        Assert.Contains("gitops_things_total", otherType.Message);
        Assert.Contains("gitops_things_total", otherLabels.Message);
        Assert.Contains("gitops-things", badName.Message);
    }
}
