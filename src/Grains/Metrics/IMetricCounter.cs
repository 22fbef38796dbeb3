namespace GitOps.Grains.Metrics;

/// <summary>A monotonically increasing count. Label values are given in the order of the label names.</summary>
public interface IMetricCounter
{
    void Increment(params string[] labelValues);

    void Add(double amount, params string[] labelValues);
}
