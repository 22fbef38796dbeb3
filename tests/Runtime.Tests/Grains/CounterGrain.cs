namespace GitOps.Runtime.Tests.Grains;

internal sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task<int> IncrementAsync(CancellationToken cancellationToken)
    {
        state.State.Value++;
        state.State.History.Add($"+{state.State.Value}");
        await state.WriteStateAsync(cancellationToken);
        return state.State.Value;
    }

    public Task<int> GetAsync(CancellationToken cancellationToken) => Task.FromResult(state.State.Value);

    public Task<Guid> GetActivationIdAsync(CancellationToken cancellationToken) => Task.FromResult(_activationId);

    public Task ClearAsync(CancellationToken cancellationToken) => state.ClearStateAsync(cancellationToken);
}
