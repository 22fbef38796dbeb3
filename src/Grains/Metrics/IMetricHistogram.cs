namespace GitOps.Grains.Metrics;

/// <summary>A distribution of observed values (durations in seconds). Label values are given in the order of the label names.</summary>
public interface IMetricHistogram
{
    void Observe(double value, params string[] labelValues);
}
