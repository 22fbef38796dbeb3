using Orleans;
using Orleans.Placement;

namespace GitOps.Bench.Grains;

/// <summary>
/// Does nothing: measures Orleans' call path and turn scheduling alone. Placed at random, so on two
/// silos about half of the activations land on each.
/// </summary>
[RandomPlacement]
internal sealed class PingGrain : Grain, IPingGrain
{
    public ValueTask PingAsync() => ValueTask.CompletedTask;
}
