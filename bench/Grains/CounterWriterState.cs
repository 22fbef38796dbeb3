namespace GitOps.Bench.Grains;

public sealed class CounterWriterState
{
    public long Value { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
