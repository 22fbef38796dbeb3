using System.Text;
using GitOps.Grains.Metrics;

namespace GitOps.Gateway.Metrics;

internal sealed class GaugeFamily(string name, string help, string[] labelNames)
    : MetricFamily<AtomicDouble>(name, help, "gauge", labelNames), IMetricGauge
{
    public void Set(double value, params string[] labelValues) => SeriesFor(labelValues).Set(value);

    public void Add(double delta, params string[] labelValues) => SeriesFor(labelValues).Add(delta);

    protected override AtomicDouble CreateSeries() => new();

    protected override void WriteSeries(StringBuilder output, string[] labelValues, AtomicDouble series) =>
        AppendSample(output, "", labelValues, null, series.Value);
}
