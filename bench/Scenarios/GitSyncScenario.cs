using System.Diagnostics;
using System.Globalization;
using System.Text;
using GitOps.Bench.Harness;
using GitOps.GitSync;
using GitOps.GitSync.Grains;
using GitOps.GitSync.Sources;
using GitOps.Grains.Hosting;
using GitOps.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.Bench.Scenarios;

/// <summary>
/// GitSync against durable PostgreSQL (fsync on), through the real silo services: the initial sync
/// of a commit with 1,000 and 10,000 objects (until the run is recorded, i.e. every object's grain
/// has committed its write and the source's state is persisted), a no-op resync of the 10,000, and
/// a commit that changes 1% of them.
/// </summary>
public sealed class GitSyncScenario : IScenario
{
    private const int ObjectsPerFile = 10;

    public string Name => "gitsync";

    public string Description => "GitSync on PostgreSQL: initial sync of 1,000 and 10,000 objects, no-op resync, 1% change; options --objects --parallelism";

    public async Task RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var large = arguments.GetInt("objects", 10_000);
        var parallelism = arguments.GetInt("parallelism", GitOps.GitSync.Options.GitOpsOptions.DefaultApplyParallelism);
        var server = await PostgresServer.GetAsync(durable: true);
        var rows = new List<string[]>();
        var root = Path.Combine(Path.GetTempPath(), "gitops-bench-gitsync", Guid.NewGuid().ToString("n"));
        try
        {
            foreach (var count in new[] { large / 10, large })
            {
                var repository = Path.Combine(root, $"repo-{count}");
                WriteRepository(repository, count, replicasEvery: 0);
                Git(repository, "init", "--quiet", "--initial-branch", "main");
                Commit(repository, "initial");
                var silo = await StartSiloAsync(server, Path.Combine(root, $"cache-{count}"), parallelism, cancellationToken);
                try
                {
                    await MeasureAsync(silo, repository, count, count == large, rows, cancellationToken);
                }
                finally
                {
                    await StopAsync(silo);
                }
            }
        }
        finally
        {
            TryDelete(root);
        }
        output.WriteLine($"gitsync on {MachineInfo.Describe()}; PostgreSQL with fsync on; {ObjectsPerFile} objects per file; ApplyParallelism {parallelism}");
        output.WriteLine();
        output.WriteLine(MarkdownTable.Render(["sync", "wall time", "run duration", "created/updated/unchanged", "target", "ratio"], rows));
    }

    private static async Task MeasureAsync(IHost silo, string repository, int count, bool isLarge, List<string[]> rows, CancellationToken cancellationToken)
    {
        var source = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IGitSourceGrain>("bench");

        var initial = Stopwatch.StartNew();
        // A local repository is a configured source (the API refuses file:// URLs): handed to its grain as the
        // silo's start-up does for GitOps:Sources, so the clock starts with the source.
        await source.ConfigureAsync(
            new SourceSpec("bench", repository, "main", [], TimeSpan.FromHours(1), Prune: true, SelfHeal: true, Credentials: null, SourceOrigin.Configuration),
            cancellationToken);
        var first = await WaitForRunAsync(source, 1, cancellationToken);
        initial.Stop();
        rows.Add(Row($"initial sync, {count:N0} objects", initial.Elapsed, first, isLarge ? "≤ 10 s" : "-", isLarge ? 10 : null));
        if (!isLarge)
            return;

        var noop = Stopwatch.StartNew();
        var triggered = await source.TriggerSyncAsync("bench", cancellationToken);
        var resync = await WaitForRunAsync(source, triggered.RunNumber, cancellationToken);
        noop.Stop();
        rows.Add(Row($"no-op resync, {count:N0} objects", noop.Elapsed, resync, "≤ 1 s", 1));

        WriteRepository(repository, count, replicasEvery: 100);
        Commit(repository, "change 1%");
        var change = Stopwatch.StartNew();
        triggered = await source.TriggerSyncAsync("bench", cancellationToken);
        var changed = await WaitForRunAsync(source, triggered.RunNumber, cancellationToken);
        change.Stop();
        rows.Add(Row($"1% changed ({count / 100:N0} objects), {count:N0} total", change.Elapsed, changed, "≤ 1 s", 1));
    }

    private static async Task StopAsync(IHost silo)
    {
        await silo.StopAsync();
        silo.Dispose();
    }

    private static string[] Row(string name, TimeSpan wall, SyncProgress status, string target, double? targetSeconds)
    {
        var run = status.LastRun!;
        return
        [
            name,
            $"{wall.TotalSeconds:F2} s",
            $"{run.DurationMs / 1000:F2} s",
            $"{run.Created}/{run.Updated}/{run.Unchanged} ({run.Result})",
            target,
            targetSeconds is { } seconds ? $"{wall.TotalSeconds / seconds:P0} of target" : "-",
        ];
    }

    private static async Task<IHost> StartSiloAsync(PostgresServer server, string cacheDirectory, int parallelism, CancellationToken cancellationToken)
    {
        var connectionString = await server.CreateDatabaseOnServerAsync("bench_gitsync");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GitOps:CacheDirectory"] = cacheDirectory,
            ["GitOps:ApplyParallelism"] = parallelism.ToString(CultureInfo.InvariantCulture),
        });
        builder.AddStoreAndGrainRuntime(connectionString, TestCluster.UseFreePorts);
        builder.Services.AddGitSync(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    private static async Task<SyncProgress> WaitForRunAsync(IGitSourceGrain grain, long run, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            var progress = await grain.GetProgressAsync(cancellationToken);
            if (!progress.Syncing && progress.LastRunNumber >= run)
                return progress;
            await Task.Delay(10, cancellationToken);
        }
        throw new TimeoutException($"The bench source did not finish run {run} within 5 minutes.");
    }

    /// <summary>Half ConfigMaps, half Deployments, in namespaces of 1,000; every <paramref name="replicasEvery"/>-th Deployment gets 3 replicas.</summary>
    internal static void WriteRepository(string directory, int count, int replicasEvery)
    {
        for (var file = 0; file * ObjectsPerFile < count; file++)
        {
            var text = new StringBuilder();
            for (var i = file * ObjectsPerFile; i < Math.Min(count, (file + 1) * ObjectsPerFile); i++)
            {
                var ns = $"team-{i / 1_000}";
                if (i % 2 == 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-{i}\n  namespace: {ns}\ndata:\n  index: \"{i}\"\n---\n");
                }
                else
                {
                    var replicas = replicasEvery > 0 && i % replicasEvery == 1 ? 3 : 1;
                    text.Append(CultureInfo.InvariantCulture,
                        $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-{i}\n  namespace: {ns}\n  labels:\n    app: app-{i}\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels:\n      app: app-{i}\n  template:\n    metadata:\n      labels:\n        app: app-{i}\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n          resources:\n            requests:\n              cpu: 100m\n              memory: 64Mi\n---\n");
                }
            }
            var path = Path.Combine(directory, "apps", $"team-{file * ObjectsPerFile / 1_000}", $"objects-{file}.yaml");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text.ToString());
        }
    }

    internal static void Commit(string repository, string message)
    {
        Git(repository, "add", "--all");
        Git(repository, "-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "--quiet", "-m", message);
    }

    internal static void Git(string directory, params string[] arguments)
    {
        Directory.CreateDirectory(directory);
        var info = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(120_000) || process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error}");
    }

    internal static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans its temp folder.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort: the OS cleans its temp folder.
        }
    }
}
