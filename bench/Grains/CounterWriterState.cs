namespace GitOps.Bench.Grains;

[GenerateSerializer, Alias("GitOps.CounterWriterState")]
public sealed class CounterWriterState
{
    [Id(0)]
    public long Value { get; set; }

    [Id(1)]
    public DateTimeOffset UpdatedAt { get; set; }
}
