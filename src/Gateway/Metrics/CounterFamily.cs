using System.Text;
using GitOps.Grains.Metrics;

namespace GitOps.Gateway.Metrics;

internal sealed class CounterFamily(string name, string help, string[] labelNames)
    : MetricFamily<AtomicDouble>(name, help, "counter", labelNames), IMetricCounter
{
    public void Increment(params string[] labelValues) => SeriesFor(labelValues).Add(1);

    public void Add(double amount, params string[] labelValues)
    {
        if (amount < 0)
            throw new ArgumentOutOfRangeException(nameof(amount), $"Counter {Name} only increases; use a gauge for values that go down.");
        SeriesFor(labelValues).Add(amount);
    }

    protected override AtomicDouble CreateSeries() => new();

    protected override void WriteSeries(StringBuilder output, string[] labelValues, AtomicDouble series) =>
        AppendSample(output, "", labelValues, null, series.Value);
}
