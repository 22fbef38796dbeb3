using System.Text;

namespace GitOps.Gateway.Metrics;

internal interface IMetricFamily
{
    string Name { get; }

    string Type { get; }

    IReadOnlyList<string> LabelNames { get; }

    void WriteTo(StringBuilder output);
}
