using System.Globalization;
using GitOps.Bench.Grains;
using GitOps.Bench.Harness;
using GitOps.TestSupport;

namespace GitOps.Bench.Scenarios;

/// <summary>
/// Persisted grain writes per second (<c>IPersistentState.WriteStateAsync</c> on Orleans' ADO.NET grain
/// storage) against a durable PostgreSQL, side by side with pgbench's simple-update TPS on the same
/// server as the ceiling.
/// </summary>
public sealed class GrainWritesScenario : IScenario
{
    private const double TargetShareOfPgBench = 0.5;

    public string Name => "grain-writes";

    public string Description => "Persisted grain writes/s (Orleans ADO.NET storage) on durable PostgreSQL vs pgbench -N TPS; options --grains --callers --pgbench-clients --duration (s) --warmup (s)";

    public async Task RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var grainCount = arguments.GetInt("grains", 1_000);
        var callers = arguments.GetInt("callers", 128);
        var pgbenchClients = arguments.GetInt("pgbench-clients", 8);
        var duration = arguments.GetSeconds("duration", 10);
        var warmup = arguments.GetSeconds("warmup", 2);

        var server = await PostgresServer.GetAsync(durable: true);
        var pgbenchTps = await PgBench.SimpleUpdateTpsAsync(server, pgbenchClients, duration, cancellationToken);

        var connectionString = await server.CreateDatabaseOnServerAsync("grain_writes");
        await using var silo = await BenchSilo.StartAsync(connectionString, cancellationToken);
        var grains = Enumerable.Range(0, grainCount).Select(i => silo.Grains.GetGrain<ICounterWriterGrain>($"writer-{i}")).ToArray();
        // The first write of each grain inserts its row; the measured ones update it.
        await ClusterSeed.ForEachAsync(grainCount, pgbenchClients, i => grains[i].IncrementAsync(cancellationToken));

        var rows = new List<string[]>();
        rows.Add(["pgbench -N (simple update), ceiling", pgbenchClients.ToString(CultureInfo.InvariantCulture), pgbenchTps.ToString("N0", CultureInfo.InvariantCulture), "100 %", "—", "—"]);
        foreach (var concurrency in new[] { pgbenchClients, callers }.Distinct())
        {
            Func<int, long, ValueTask<int>> write = async (caller, i) =>
                await grains[(int)((caller * 7919L + i) % grainCount)].IncrementAsync(cancellationToken);
            await CallerLoad.RunAsync(concurrency, warmup, write, cancellationToken);
            var result = await CallerLoad.RunAsync(concurrency, duration, write, cancellationToken);
            var share = result.PerSecond / pgbenchTps;
            rows.Add([$"grain writes (WriteStateAsync, ETag-checked), {grainCount:N0} grains", concurrency.ToString(CultureInfo.InvariantCulture),
                result.PerSecond.ToString("N0", CultureInfo.InvariantCulture), share.ToString("P0", CultureInfo.InvariantCulture),
                (share / TargetShareOfPgBench).ToString("P0", CultureInfo.InvariantCulture), result.CoresUsed.ToString("0.00", CultureInfo.InvariantCulture)]);
        }

        output.WriteLine($"grain-writes on {MachineInfo.Describe()}; Orleans ADO.NET grain storage on durable PostgreSQL (fsync on), load average {MachineInfo.LoadAverage()}; " +
            $"warm-up {warmup.TotalSeconds:0.#} s and {duration.TotalSeconds:0.#} s per row");
        output.WriteLine();
        output.WriteLine(MarkdownTable.Render(["measurement", "concurrent clients", "per second", "of pgbench TPS", "of target (50 % of pgbench)", "cores this process got"], rows));
    }
}
