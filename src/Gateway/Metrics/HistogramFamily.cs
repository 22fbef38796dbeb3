using System.Globalization;
using System.Text;
using GitOps.Grains.Metrics;

namespace GitOps.Gateway.Metrics;

internal sealed class HistogramFamily(string name, string help, double[] buckets, string[] labelNames)
    : MetricFamily<HistogramSeries>(name, help, "histogram", labelNames), IMetricHistogram
{
    public IReadOnlyList<double> Buckets { get; } = buckets;

    public void Observe(double value, params string[] labelValues)
    {
        var index = 0;
        while (index < buckets.Length && value > buckets[index])
            index++;
        SeriesFor(labelValues).Observe(index, value);
    }

    protected override HistogramSeries CreateSeries() => new(buckets.Length);

    protected override void WriteSeries(StringBuilder output, string[] labelValues, HistogramSeries series)
    {
        long cumulative = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            cumulative += series.BucketCount(i);
            AppendSample(output, "_bucket", labelValues, ("le", buckets[i].ToString("R", CultureInfo.InvariantCulture)), cumulative);
        }
        var count = series.Count;
        AppendSample(output, "_bucket", labelValues, ("le", "+Inf"), count);
        AppendSample(output, "_sum", labelValues, null, series.Sum);
        AppendSample(output, "_count", labelValues, null, count);
    }
}
