using GitOps.Runtime;

namespace GitOps.Bench.Grains;

public interface IPingGrain : IGrainWithStringKey
{
    ValueTask<int> AddAsync(int value, CancellationToken cancellationToken);
}
