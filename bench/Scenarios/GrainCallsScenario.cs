using System.Globalization;
using GitOps.Bench.Grains;
using GitOps.Bench.Harness;
using GitOps.TestSupport;
using Orleans.Runtime;

namespace GitOps.Bench.Scenarios;

/// <summary>
/// Orleans grain calls per second to the bare <see cref="IPingGrain"/>, no persistence: first in one
/// silo (the ceiling), then from silo A to the grains that live on silo B of a two-silo cluster on
/// PostgreSQL (ADO.NET clustering, both silos in this process, talking over loopback TCP).
/// </summary>
public sealed class GrainCallsScenario : IScenario
{
    private const double Target = 1_000_000;

    public string Name => "grain-calls";

    public string Description => "Orleans grain calls/s to a bare ping grain: one silo (the ceiling), then silo A to grains on silo B of a two-silo cluster on PostgreSQL; " +
        "options --grains --hot-grains --callers --pipeline --duration (s) --warmup (s) --silos (1: one silo only)";

    public async Task RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var load = new Load(
            arguments.GetInt("callers", 64),
            arguments.GetInt("pipeline", 16),
            arguments.GetInt("hot-grains", 32),
            arguments.GetSeconds("warmup", 2),
            arguments.GetSeconds("duration", 10));
        var grainCount = arguments.GetInt("grains", 10_000);
        var silos = arguments.GetInt("silos", 2);
        if (silos > 2)
            throw new ArgumentException($"--silos must be 1 (one silo only) or 2 (also silo A to grains on silo B), got {silos}.");

        var rows = new List<string[]>();
        List<double> ceiling;
        await using (var silo = await BenchSilo.StartAsync(null, cancellationToken))
        {
            var grains = await ActivateAsync(silo.Grains, grainCount);
            var results = await MeasureAsync(grains, load, cancellationToken);
            ceiling = results.Select(r => r.Result.PerSecond).ToList();
            rows.AddRange(results.Select((r, mode) => Row(r.Mode, "one silo", grains.Length, load.Callers, r.Result, ceiling[mode])));
        }

        var placement = "";
        if (silos == 2)
        {
            var server = await PostgresServer.GetAsync(durable: true);
            var database = await server.CreateDatabaseOnServerAsync("bench_grain_calls");
            await using var siloA = await BenchSilo.StartAsync(database, cancellationToken);
            await using var siloB = await BenchSilo.StartAsync(database, cancellationToken);
            await siloA.WaitForClusterAsync(2, TimeSpan.FromSeconds(60), cancellationToken);
            await siloB.WaitForClusterAsync(2, TimeSpan.FromSeconds(60), cancellationToken);

            // Activated from A, placed at random; then A calls only those that landed on B.
            var grains = await ActivateAsync(siloA.Grains, grainCount);
            var located = (await siloA.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics())
                .ToDictionary(s => s.GrainId, s => s.SiloAddress);
            var onB = grains.Where(g => located.TryGetValue(g.GetGrainId(), out var at) && at.Equals(siloB.Address)).ToArray();
            var onA = grains.Count(g => located.TryGetValue(g.GetGrainId(), out var at) && at.Equals(siloA.Address));
            placement = $"; two silos: {grainCount:N0} activations placed at random from A, {onA:N0} on A and {onB.Length:N0} on B, A calls the {onB.Length:N0} on B";
            if (onB.Length == 0)
                throw new InvalidOperationException($"None of the {grainCount:N0} activations landed on silo B: random placement on A did not see B.");
            var results = await MeasureAsync(onB, load, cancellationToken);
            rows.AddRange(results.Select((r, mode) => Row(r.Mode, "two silos, A → B", onB.Length, load.Callers, r.Result, ceiling[mode])));
        }

        output.WriteLine($"grain-calls on {MachineInfo.Describe()}; Orleans, load average {MachineInfo.LoadAverage()}; warm-up {load.Warmup.TotalSeconds:0.#} s and {load.Duration.TotalSeconds:0.#} s per row{placement}");
        if (silos == 2)
            output.WriteLine("CPU is the whole process's: in the two-silo rows, both sides of every call.");
        output.WriteLine();
        output.WriteLine(MarkdownTable.Render(
            ["mode", "silos", "grains called", "callers", "calls/s", "of the one-silo ceiling", "of target 1,000,000/s", "cores this process got", "calls per CPU-second"], rows));
    }

    /// <summary>References to ping grains 0..count-1, each activated by a first call.</summary>
    private static async Task<IPingGrain[]> ActivateAsync(IGrainFactory factory, int count)
    {
        var grains = Enumerable.Range(0, count).Select(i => factory.GetGrain<IPingGrain>(i)).ToArray();
        await ClusterSeed.ForEachAsync(count, 64, async i => await grains[i].PingAsync());
        return grains;
    }

    /// <summary>The three modes, always in this order: each two-silo row is compared with the one-silo row at its index.</summary>
    private static async Task<List<(string Mode, LoadResult Result)>> MeasureAsync(IPingGrain[] grains, Load load, CancellationToken cancellationToken)
    {
        var count = grains.Length;
        var pipeline = load.Pipeline;
        var hot = Math.Min(load.HotGrains, count);
        Func<int, long, ValueTask<int>> awaitEach = async (caller, i) =>
        {
            await grains[(int)((caller * 7919L + i) % count)].PingAsync();
            return 1;
        };
        Func<int, long, ValueTask<int>> pipelined = async (caller, i) =>
        {
            var pending = new ValueTask[pipeline];
            var start = caller * 7919L + i;
            for (var k = 0; k < pipeline; k++)
                pending[k] = grains[(int)((start + k * 104729L) % count)].PingAsync();
            foreach (var call in pending)
                await call;
            return pipeline;
        };
        // Many callers on few grains: most calls find the activation busy and wait in its queue.
        Func<int, long, ValueTask<int>> contended = async (caller, i) =>
        {
            var pending = new ValueTask[pipeline];
            for (var k = 0; k < pipeline; k++)
                pending[k] = grains[(int)((caller + i + k) % hot)].PingAsync();
            foreach (var call in pending)
                await call;
            return pipeline;
        };

        var results = new List<(string, LoadResult)>();
        foreach (var (mode, operation) in new[]
        {
            ("one call in flight per caller", awaitEach),
            ($"{pipeline} calls in flight per caller", pipelined),
            ($"{pipeline} calls in flight per caller, {hot} hot grains (callers contend for activations)", contended),
        })
        {
            await CallerLoad.RunAsync(load.Callers, load.Warmup, operation, cancellationToken);
            results.Add((mode, await CallerLoad.RunAsync(load.Callers, load.Duration, operation, cancellationToken)));
        }
        return results;
    }

    private static string[] Row(string mode, string silos, int grains, int callers, LoadResult result, double ceiling) =>
    [
        mode, silos, grains.ToString("N0", CultureInfo.InvariantCulture), callers.ToString(CultureInfo.InvariantCulture),
        result.PerSecond.ToString("N0", CultureInfo.InvariantCulture),
        (result.PerSecond / ceiling).ToString("P0", CultureInfo.InvariantCulture),
        (result.PerSecond / Target).ToString("P0", CultureInfo.InvariantCulture),
        result.CoresUsed.ToString("0.00", CultureInfo.InvariantCulture),
        result.PerCpuSecond.ToString("N0", CultureInfo.InvariantCulture),
    ];

    private sealed record Load(int Callers, int Pipeline, int HotGrains, TimeSpan Warmup, TimeSpan Duration);
}
