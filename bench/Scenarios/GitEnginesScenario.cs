using System.Diagnostics;
using System.Globalization;
using System.Text;
using GitOps.Bench.Harness;
using GitOps.GitSync.Git;
using GitOps.GitSync.Manifests;
using GitOps.GitSync.Tests.Support;
using GitOps.TestSupport;
using LibGit2Sharp;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Bench.Scenarios;

/// <summary>
/// GitSync's git operations through <see cref="GitMirror"/> on the git CLI and on LibGit2Sharp side
/// by side (<see cref="GitEngines.CliOnly"/> against <see cref="GitEngines.LibGit2Only"/>, alternating
/// which goes first), on the GitSync benchmark's 10,000-object repository and on a repository with a
/// long history: clone and no-op fetch over file://, git's smart HTTP (git http-backend behind
/// Kestrel) and SSH (the tests' private sshd); then, on the cloned mirror, resolving the fetched head,
/// reading the commit, checking the source's paths, listing the tree under them, reading every blob,
/// and the changed files between two commits. Median of the repetitions.
/// </summary>
public sealed class GitEnginesScenario : IScenario
{
    private const string Branch = "main";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private static readonly IReadOnlyList<string> Paths = ["apps"];
    private static readonly GitCli Cli = new(NullLogger<GitCli>.Instance);

    public string Name => "gitengines";

    public string Description =>
        "GitSync's git operations, git CLI vs LibGit2Sharp: clone/fetch over file://, HTTP and SSH, resolve, list, read, diff; options --objects --commits --repetitions";

    public async Task RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var objects = arguments.GetInt("objects", 10_000);
        var commits = arguments.GetInt("commits", 5_000);
        var repetitions = arguments.GetInt("repetitions", 5);
        var root = Path.Combine(Path.GetTempPath(), "gitops-bench-gitengines", Guid.NewGuid().ToString("n"));
        var loadBefore = MachineInfo.LoadAverage();
        var rows = new List<string[]>();
        try
        {
            var repositories = Path.Combine(root, "repos");
            var wide = CreateWideRepository(Path.Combine(repositories, "wide"), objects);
            var history = CreateHistoryRepository(Path.Combine(repositories, "history"), commits);
            await using var http = await GitHttpServer.StartAsync(repositories, cancellationToken);
            await using var ssh = await SshServer.StartAsync();
            foreach (var (label, repository, folder) in new[] { ($"{objects:N0} objects", wide, "wide"), ($"{commits:N0} commits", history, "history") })
            {
                var transports = new (string Name, string Url, GitCredentials Credentials)[]
                {
                    ("file://", "file://" + repository.Path, GitCredentials.None),
                    ("HTTP", $"{http.BaseUrl}/{folder}", new GitCredentials(Token: "bench-token")),
                    ("SSH", ssh.SshUrl(repository.Path), new GitCredentials(SshKeyFile: ssh.ClientKeyFile)),
                };
                foreach (var (transport, url, credentials) in transports)
                {
                    var clone = await MeasureAsync(repetitions, async engines =>
                    {
                        var mirror = NewMirror(root, url, credentials, engines);
                        var time = await TimeAsync(() => FetchAsync(mirror, cancellationToken));
                        GitSyncScenario.TryDelete(Path.GetDirectoryName(mirror.Directory)!);
                        return time;
                    });
                    rows.Add(Row(label, "clone (fetch into an empty mirror)", transport, clone));
                    var mirrors = await PerEngineAsync(engines => FetchedMirrorAsync(root, url, credentials, engines, cancellationToken));
                    var fetch = await MeasureAsync(repetitions, engines => TimeAsync(() => FetchAsync(mirrors[engines], cancellationToken)));
                    rows.Add(Row(label, "fetch, nothing new", transport, fetch));
                }
                var local = await PerEngineAsync(engines => FetchedMirrorAsync(root, "file://" + repository.Path, GitCredentials.None, engines, cancellationToken));
                rows.AddRange(await MeasureReadsAsync(label, repository, local, repetitions, cancellationToken));
            }
        }
        finally
        {
            GitSyncScenario.TryDelete(root);
        }
        output.WriteLine($"gitengines on {MachineInfo.Describe()}; load average {loadBefore} before, {MachineInfo.LoadAverage()} after; " +
            $"median of {repetitions}; ratio = LibGit2Sharp / CLI (below 1: LibGit2Sharp faster)");
        output.WriteLine();
        output.WriteLine(MarkdownTable.Render(["repository", "operation", "transport", "CLI ms", "LibGit2Sharp ms", "ratio"], rows));
    }

    private static async Task<List<string[]>> MeasureReadsAsync(
        string label, BenchRepository repository, Dictionary<GitEngines, GitMirror> mirrors, int repetitions, CancellationToken cancellationToken)
    {
        var head = repository.Head;
        var listed = Ok(await mirrors[GitEngines.CliOnly].ListFilesAsync(head, Paths, ManifestLoader.IsManifest, cancellationToken));
        var reads = new (string Operation, Func<GitMirror, Task> Run)[]
        {
            ("resolve the fetched head", async m => Ok(await m.ResolveAsync(cancellationToken))),
            ("read the commit", async m => Ok(await m.ReadCommitAsync(head, cancellationToken))),
            ("check the source's paths exist", async m => Ok(await m.FindMissingPathsAsync(head, Paths, cancellationToken))),
            ($"list the tree under the paths ({listed.Count:N0} files)", async m => Ok(await m.ListFilesAsync(head, Paths, ManifestLoader.IsManifest, cancellationToken))),
            ($"read every blob ({listed.Count:N0})", async m => Ok(await m.ReadBlobsAsync(listed, cancellationToken))),
            ("changed files between two commits", m => ChangedFilesAsync(m, repository.Base, head, cancellationToken)),
        };
        var rows = new List<string[]>();
        foreach (var (operation, run) in reads)
            rows.Add(Row(label, operation, "-", await MeasureAsync(repetitions, engines => TimeAsync(() => run(mirrors[engines])))));
        return rows;
    }

    /// <summary>The files that differ between two commits under the paths: <c>git diff-tree</c>, or libgit2's tree diff.</summary>
    private static async Task ChangedFilesAsync(GitMirror mirror, string from, string to, CancellationToken cancellationToken)
    {
        int count;
        if (mirror.Engines.ListTree == GitEngine.LibGit2)
        {
            using var repository = new Repository(mirror.Directory);
            count = repository.Diff.Compare<TreeChanges>(repository.Lookup<Commit>(from).Tree, repository.Lookup<Commit>(to).Tree, Paths).Count;
        }
        else
        {
            var access = new GitAccess(GitCredentials.None, SshHostKeys.For(GitCredentials.None, Path.GetTempPath()), GitAccess.HomeIn(Path.GetTempPath()));
            var diff = await Cli.RunAsync(["-C", mirror.Directory, "diff-tree", "-r", "-z", "--name-only", from, to, "--", .. Paths], access, Timeout, cancellationToken);
            if (!diff.Succeeded)
                throw new InvalidOperationException($"git diff-tree failed: {diff.StandardError}");
            count = diff.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries).Length;
        }
        if (count == 0)
            throw new InvalidOperationException($"No changed files between {from} and {to}.");
    }

    private static GitMirror NewMirror(string root, string url, GitCredentials credentials, GitEngines engines) =>
        new(Cli, Path.Combine(root, "cache", Guid.NewGuid().ToString("n")), "bench", url, credentials, Timeout, engines);

    private static async Task<GitMirror> FetchedMirrorAsync(string root, string url, GitCredentials credentials, GitEngines engines, CancellationToken cancellationToken)
    {
        var mirror = NewMirror(root, url, credentials, engines);
        await FetchAsync(mirror, cancellationToken);
        return mirror;
    }

    private static async Task FetchAsync(GitMirror mirror, CancellationToken cancellationToken) =>
        Ok(await mirror.FetchAsync(Branch, cancellationToken));

    private static T Ok<T>(GitResult<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException(result.Failure!.ToString());

    private static async Task<Dictionary<GitEngines, GitMirror>> PerEngineAsync(Func<GitEngines, Task<GitMirror>> create) =>
        new()
        {
            [GitEngines.CliOnly] = await create(GitEngines.CliOnly),
            [GitEngines.LibGit2Only] = await create(GitEngines.LibGit2Only),
        };

    /// <summary>Median milliseconds per engine; the engines take turns going first.</summary>
    private static async Task<(double Cli, double LibGit2)> MeasureAsync(int repetitions, Func<GitEngines, Task<double>> measure)
    {
        var cli = new List<double>();
        var library = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            if (i % 2 == 0)
            {
                cli.Add(await measure(GitEngines.CliOnly));
                library.Add(await measure(GitEngines.LibGit2Only));
            }
            else
            {
                library.Add(await measure(GitEngines.LibGit2Only));
                cli.Add(await measure(GitEngines.CliOnly));
            }
        }
        return (Median(cli), Median(library));
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string[] Row(string repository, string operation, string transport, (double Cli, double LibGit2) times) =>
    [
        repository,
        operation,
        transport,
        times.Cli.ToString("F1", CultureInfo.InvariantCulture),
        times.LibGit2.ToString("F1", CultureInfo.InvariantCulture),
        (times.LibGit2 / times.Cli).ToString("F2", CultureInfo.InvariantCulture),
    ];

    /// <summary>The GitSync benchmark's repository: its initial commit (base), then the commit that changes 1% of the objects (head).</summary>
    private static BenchRepository CreateWideRepository(string directory, int objects)
    {
        GitSyncScenario.WriteRepository(directory, objects, replicasEvery: 0);
        GitSyncScenario.Git(directory, "init", "--quiet", "--initial-branch", Branch);
        GitSyncScenario.Commit(directory, "initial");
        var first = RevParse(directory, "HEAD");
        GitSyncScenario.WriteRepository(directory, objects, replicasEvery: 100);
        GitSyncScenario.Commit(directory, "change 1%");
        return new BenchRepository(directory, first, RevParse(directory, "HEAD"));
    }

    /// <summary>A long history through <c>git fast-import</c>: each commit changes one of 200 manifests; base is the first commit.</summary>
    private static BenchRepository CreateHistoryRepository(string directory, int commits)
    {
        GitSyncScenario.Git(directory, "init", "--quiet", "--initial-branch", Branch);
        var stream = new StringBuilder();
        for (var i = 1; i <= commits; i++)
        {
            var content = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-{i % 200}\n  namespace: history\ndata:\n  revision: \"{i}\"\n";
            var message = $"revision {i}\n";
            stream.Append(CultureInfo.InvariantCulture, $"commit refs/heads/{Branch}\nmark :{i}\ncommitter bench <bench@example.com> {1_700_000_000 + i} +0000\n");
            stream.Append(CultureInfo.InvariantCulture, $"data {Encoding.UTF8.GetByteCount(message)}\n{message}");
            if (i > 1)
                stream.Append(CultureInfo.InvariantCulture, $"from :{i - 1}\n");
            stream.Append(CultureInfo.InvariantCulture, $"M 100644 inline apps/config-{i % 200}.yaml\ndata {Encoding.UTF8.GetByteCount(content)}\n{content}\n");
        }
        var info = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("fast-import");
        info.ArgumentList.Add("--quiet");
        using (var process = Process.Start(info)!)
        {
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(stream.ToString());
            process.StandardInput.Close();
            if (!process.WaitForExit(300_000) || process.ExitCode != 0)
                throw new InvalidOperationException($"git fast-import failed: {errors.Result}");
        }
        GitSyncScenario.Git(directory, "repack", "-a", "-d", "-q");
        return new BenchRepository(directory, RevParse(directory, $"{Branch}~{commits - 1}"), RevParse(directory, Branch));
    }

    private static string RevParse(string directory, string revision)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("rev-parse");
        info.ArgumentList.Add(revision);
        using var process = Process.Start(info)!;
        var sha = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return sha;
    }

    private sealed record BenchRepository(string Path, string Base, string Head);
}
