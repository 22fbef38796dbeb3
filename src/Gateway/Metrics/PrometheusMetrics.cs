using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using GitOps.Grains.Metrics;

namespace GitOps.Gateway.Metrics;

/// <summary>The process's metrics registry (<see cref="IMetrics"/>), rendered at <c>/metrics</c> in Prometheus text format 0.0.4.</summary>
public sealed partial class PrometheusMetrics : IMetrics
{
    private readonly ConcurrentDictionary<string, IMetricFamily> _families = new(StringComparer.Ordinal);

    public IMetricCounter Counter(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, labelNames, () => new CounterFamily(name, help, labelNames));

    public IMetricGauge Gauge(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, labelNames, () => new GaugeFamily(name, help, labelNames));

    public IMetricHistogram Histogram(string name, string help, IReadOnlyList<double> buckets, params string[] labelNames)
    {
        var bounds = buckets.ToArray();
        for (var i = 1; i < bounds.Length; i++)
        {
            if (bounds[i] <= bounds[i - 1])
                throw new ArgumentException($"Histogram {name}: bucket bounds must ascend strictly ({bounds[i - 1]} then {bounds[i]}).", nameof(buckets));
        }
        return GetOrAdd(name, labelNames, () => new HistogramFamily(name, help, bounds, labelNames));
    }

    /// <summary>All metrics in Prometheus text exposition format, sorted by name.</summary>
    public string Render()
    {
        var output = new StringBuilder();
        foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            family.WriteTo(output);
        return output.ToString();
    }

    private T GetOrAdd<T>(string name, string[] labelNames, Func<T> create) where T : class, IMetricFamily
    {
        if (!MetricName().IsMatch(name))
            throw new ArgumentException($"'{name}' is not a valid Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*).", nameof(name));
        foreach (var label in labelNames)
        {
            if (!LabelName().IsMatch(label) || label == "le")
                throw new ArgumentException($"Metric {name}: '{label}' is not a valid label name.", nameof(labelNames));
        }
        var family = _families.GetOrAdd(name, _ => create());
        if (family is not T typed)
            throw new InvalidOperationException($"Metric {name} is already registered as a {family.Type}.");
        if (!typed.LabelNames.SequenceEqual(labelNames, StringComparer.Ordinal))
            throw new InvalidOperationException($"Metric {name} is already registered with labels ({string.Join(", ", typed.LabelNames)}), not ({string.Join(", ", labelNames)}).");
        return typed;
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
