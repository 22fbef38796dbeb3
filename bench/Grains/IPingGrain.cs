using Orleans;

namespace GitOps.Bench.Grains;

/// <summary>
/// Orleans' bare ping grain: no arguments, no result, no state. Its call rate is the ceiling every
/// other grain call in this service sits under.
/// </summary>
[Alias("GitOps.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    // No CancellationToken, unlike our APIs: the ceiling is the call alone.
    [Alias("PingAsync")]
    ValueTask PingAsync();
}
