using Orleans;

namespace GitOps.Bench.Grains;

[Alias("GitOps.ICounterWriterGrain")]
public interface ICounterWriterGrain : IGrainWithStringKey
{
    /// <summary>Increments the persisted counter and writes it (one ETag-checked WriteStateAsync).</summary>
    [Alias("IncrementAsync")]
    Task<int> IncrementAsync(CancellationToken cancellationToken);
}
