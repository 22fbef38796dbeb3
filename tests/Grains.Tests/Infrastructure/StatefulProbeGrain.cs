namespace GitOps.Grains.Tests.Infrastructure;

internal sealed class StatefulProbeGrain([PersistentState("probe")] IPersistentState<StatefulProbeState> state) : Grain, IStatefulProbeGrain
{
    public Task<string?> ReadAsync() => Task.FromResult(state.State.Value);

    public async Task WriteAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }
}

[GenerateSerializer]
public sealed class StatefulProbeState
{
    [Id(0)]
    public string? Value { get; set; }
}
