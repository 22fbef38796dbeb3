using System.Globalization;
using GitOps.Bench.Grains;
using GitOps.Bench.Harness;
using GitOps.Runtime;

namespace GitOps.Bench.Scenarios;

/// <summary>In-memory grain calls per second: many concurrent callers over many grains, no persistence.</summary>
public sealed class GrainCallsScenario : IScenario
{
    private const double Target = 1_000_000;

    public string Name => "grain-calls";

    public string Description => "In-memory grain calls/s (no persistence); options --grains --hot-grains --callers --pipeline --duration (s)";

    public async Task RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var grainCount = arguments.GetInt("grains", 10_000);
        var callers = arguments.GetInt("callers", 64);
        var pipeline = arguments.GetInt("pipeline", 16);
        var duration = arguments.GetSeconds("duration", 10);
        var hotGrains = arguments.GetInt("hot-grains", 32);

        await using var host = await GrainRuntimeHost.StartAsync(b => b.AddGrainsFrom(typeof(PingGrain).Assembly).UseMemoryStorage(), cancellationToken: cancellationToken);
        var grains = Enumerable.Range(0, grainCount).Select(i => host.GrainFactory.GetGrain<IPingGrain>($"ping-{i}")).ToArray();
        foreach (var grain in grains)
            await grain.AddAsync(0, cancellationToken);

        Func<int, long, ValueTask<int>> awaitEach = async (caller, i) =>
        {
            await grains[(int)((caller * 7919L + i) % grainCount)].AddAsync(1, cancellationToken);
            return 1;
        };
        Func<int, long, ValueTask<int>> pipelined = async (caller, i) =>
        {
            var pending = new ValueTask<int>[pipeline];
            var start = caller * 7919L + i;
            for (var k = 0; k < pipeline; k++)
                pending[k] = grains[(int)((start + k * 104729L) % grainCount)].AddAsync(1, cancellationToken);
            foreach (var call in pending)
                await call;
            return pipeline;
        };

        // Many callers on few grains: most calls find the activation busy and take the queued path.
        Func<int, long, ValueTask<int>> contended = async (caller, i) =>
        {
            var pending = new ValueTask<int>[pipeline];
            for (var k = 0; k < pipeline; k++)
                pending[k] = grains[(int)((caller + i + k) % hotGrains)].AddAsync(1, cancellationToken);
            foreach (var call in pending)
                await call;
            return pipeline;
        };

        var modes = new[]
        {
            ($"one call in flight per caller, {grainCount:N0} grains", awaitEach),
            ($"{pipeline} calls in flight per caller, {grainCount:N0} grains", pipelined),
            ($"{pipeline} calls in flight per caller, {hotGrains} hot grains (callers contend for activations)", contended),
        };
        var rows = new List<string[]>();
        foreach (var (mode, operation) in modes)
        {
            await CallerLoad.RunAsync(callers, TimeSpan.FromSeconds(2), operation, cancellationToken);
            var result = await CallerLoad.RunAsync(callers, duration, operation, cancellationToken);
            rows.Add([mode, callers.ToString(CultureInfo.InvariantCulture),
                result.PerSecond.ToString("N0", CultureInfo.InvariantCulture), (result.PerSecond / Target).ToString("P0", CultureInfo.InvariantCulture),
                result.CoresUsed.ToString("0.00", CultureInfo.InvariantCulture), (result.PerCpuSecond * Environment.ProcessorCount).ToString("N0", CultureInfo.InvariantCulture)]);
        }

        output.WriteLine($"grain-calls on {MachineInfo.Describe()}, {duration.TotalSeconds:0} s per row");
        output.WriteLine();
        output.WriteLine(MarkdownTable.Render(
            ["mode", "callers", "calls/s", "of target 1,000,000/s", "cores this process got", "calls/s if it had all cores"], rows));
    }
}
