using System.Globalization;
using GitOps.Bench.Grains;
using GitOps.Bench.Harness;
using GitOps.Runtime;
using GitOps.TestSupport;

namespace GitOps.Bench.Scenarios;

/// <summary>
/// Persisted grain writes per second against a durable PostgreSQL, side by side with pgbench's
/// simple-update TPS on the same server as the ceiling.
/// </summary>
public sealed class GrainWritesScenario : IScenario
{
    private const double TargetShareOfPgBench = 0.5;

    public string Name => "grain-writes";

    public string Description => "Persisted grain writes/s on durable PostgreSQL vs pgbench -N TPS; options --grains --callers --pgbench-clients --duration (s)";

    public async Task RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var grainCount = arguments.GetInt("grains", 1_000);
        var callers = arguments.GetInt("callers", 128);
        var pgbenchClients = arguments.GetInt("pgbench-clients", 8);
        var duration = arguments.GetSeconds("duration", 10);

        var server = await PostgresServer.GetAsync(durable: true);
        var pgbenchTps = await PgBench.SimpleUpdateTpsAsync(server, pgbenchClients, duration, cancellationToken);

        var connectionString = await server.CreateDatabaseOnServerAsync("grain_writes");
        await using var host = await GrainRuntimeHost.StartAsync(
            b => b.AddGrainsFrom(typeof(CounterWriterGrain).Assembly).UsePostgreSqlStorage(connectionString),
            cancellationToken: cancellationToken);
        var grains = Enumerable.Range(0, grainCount).Select(i => host.GrainFactory.GetGrain<ICounterWriterGrain>($"writer-{i}")).ToArray();
        await Task.WhenAll(grains.Select(g => g.IncrementAsync(cancellationToken)));

        var rows = new List<string[]>();
        rows.Add(["pgbench -N (simple update), ceiling", pgbenchClients.ToString(CultureInfo.InvariantCulture), pgbenchTps.ToString("N0", CultureInfo.InvariantCulture), "100 %", "—"]);
        foreach (var concurrency in new[] { pgbenchClients, callers }.Distinct())
        {
            Func<int, long, ValueTask<int>> write = async (caller, i) =>
                await grains[(int)((caller * 7919L + i) % grainCount)].IncrementAsync(cancellationToken);
            await CallerLoad.RunAsync(concurrency, TimeSpan.FromSeconds(2), write, cancellationToken);
            var result = await CallerLoad.RunAsync(concurrency, duration, write, cancellationToken);
            var share = result.PerSecond / pgbenchTps;
            rows.Add([$"grain writes (ETag-checked, group-committed), {grainCount:N0} grains", concurrency.ToString(CultureInfo.InvariantCulture),
                result.PerSecond.ToString("N0", CultureInfo.InvariantCulture), share.ToString("P0", CultureInfo.InvariantCulture),
                (share / TargetShareOfPgBench).ToString("P0", CultureInfo.InvariantCulture)]);
        }

        output.WriteLine($"grain-writes on {MachineInfo.Describe()}; durable PostgreSQL (fsync on), {duration.TotalSeconds:0} s per row");
        output.WriteLine();
        output.WriteLine(MarkdownTable.Render(["measurement", "concurrent clients", "per second", "of pgbench TPS", "of target (50 % of pgbench)"], rows));
    }
}
