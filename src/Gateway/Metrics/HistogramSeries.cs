namespace GitOps.Gateway.Metrics;

/// <summary>Bucket counts, sum and count of one labelled histogram series.</summary>
internal sealed class HistogramSeries(int bucketCount)
{
    private readonly long[] _buckets = new long[bucketCount];
    private readonly AtomicDouble _sum = new();
    private long _count;

    public void Observe(int bucketIndex, double value)
    {
        if (bucketIndex < _buckets.Length)
            Interlocked.Increment(ref _buckets[bucketIndex]);
        _sum.Add(value);
        Interlocked.Increment(ref _count);
    }

    public long BucketCount(int index) => Interlocked.Read(ref _buckets[index]);

    public double Sum => _sum.Value;

    public long Count => Interlocked.Read(ref _count);
}
