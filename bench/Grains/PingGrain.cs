using GitOps.Runtime;

namespace GitOps.Bench.Grains;

/// <summary>An in-memory grain: measures the call pipeline and turn scheduling alone.</summary>
internal sealed class PingGrain : Grain, IPingGrain
{
    private int _sum;

    public ValueTask<int> AddAsync(int value, CancellationToken cancellationToken) => new(_sum += value);
}
