namespace GitOps.Grains.Metrics;

/// <summary>A value that goes up and down. Label values are given in the order of the label names.</summary>
public interface IMetricGauge
{
    void Set(double value, params string[] labelValues);

    void Add(double delta, params string[] labelValues);
}
