using Orleans;
using Orleans.Runtime;

namespace GitOps.Bench.Grains;

internal sealed class CounterWriterGrain([PersistentState("counter")] IPersistentState<CounterWriterState> state) : Grain, ICounterWriterGrain
{
    public async Task<int> IncrementAsync(CancellationToken cancellationToken)
    {
        state.State.Value++;
        state.State.UpdatedAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync(cancellationToken);
        return 1;
    }
}
