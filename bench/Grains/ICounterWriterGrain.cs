using GitOps.Runtime;

namespace GitOps.Bench.Grains;

public interface ICounterWriterGrain : IGrainWithStringKey
{
    /// <summary>Increments the persisted counter and writes it (one ETag-checked write).</summary>
    Task<int> IncrementAsync(CancellationToken cancellationToken);
}
