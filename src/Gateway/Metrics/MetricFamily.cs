using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace GitOps.Gateway.Metrics;

/// <summary>One named metric with its labelled series; writes itself in Prometheus text format.</summary>
internal abstract class MetricFamily<TSeries>(string name, string help, string type, string[] labelNames) : IMetricFamily
    where TSeries : class
{
    private readonly ConcurrentDictionary<string, (string[] Values, TSeries Series)> _series = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public string Type { get; } = type;

    public IReadOnlyList<string> LabelNames { get; } = labelNames;

    public void WriteTo(StringBuilder output)
    {
        output.Append("# HELP ").Append(Name).Append(' ').Append(Escape(help, quote: false)).Append('\n');
        output.Append("# TYPE ").Append(Name).Append(' ').Append(Type).Append('\n');
        foreach (var (values, series) in _series.Values.OrderBy(s => string.Join('\u0001', s.Values), StringComparer.Ordinal))
            WriteSeries(output, values, series);
    }

    protected abstract TSeries CreateSeries();

    protected abstract void WriteSeries(StringBuilder output, string[] labelValues, TSeries series);

    protected TSeries SeriesFor(string[] labelValues)
    {
        if (labelValues.Length != LabelNames.Count)
            throw new ArgumentException($"Metric {Name} takes {LabelNames.Count} label value(s) ({string.Join(", ", LabelNames)}), not {labelValues.Length}.");
        var key = labelValues.Length switch
        {
            0 => "",
            1 => labelValues[0],
            _ => string.Join('\u0001', labelValues),
        };
        if (_series.TryGetValue(key, out var existing))
            return existing.Series;
        return _series.GetOrAdd(key, _ => ((string[])labelValues.Clone(), CreateSeries())).Series;
    }

    protected void AppendSample(StringBuilder output, string suffix, string[] labelValues, (string Name, string Value)? extra, double value)
    {
        output.Append(Name).Append(suffix);
        if (labelValues.Length > 0 || extra is not null)
        {
            output.Append('{');
            for (var i = 0; i < labelValues.Length; i++)
            {
                if (i > 0)
                    output.Append(',');
                output.Append(LabelNames[i]).Append("=\"").Append(Escape(labelValues[i], quote: true)).Append('"');
            }
            if (extra is { } e)
            {
                if (labelValues.Length > 0)
                    output.Append(',');
                output.Append(e.Name).Append("=\"").Append(e.Value).Append('"');
            }
            output.Append('}');
        }
        output.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    internal static string FormatValue(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string text, bool quote)
    {
        var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return quote ? escaped.Replace("\"", "\\\"", StringComparison.Ordinal) : escaped;
    }
}
