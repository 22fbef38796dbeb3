using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOps.EndToEnd.Tests.Harness;
using GitOps.TestSupport;

namespace GitOps.EndToEnd.Tests.Default;

/// <summary>
/// <c>dotnet run --project src/Silo</c> with nothing configured, started as a process in a checkout
/// of this repository, in a copy of it without Git, and with a source configured.
/// </summary>
public sealed partial class EmbeddedDefaultTests(ExampleSilo fixture) : IClassFixture<ExampleSilo>
{
    // The README promises Running within 30 s of `dotnet run`; the process here is already built.
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_kubectl_line_the_silo_prints_shows_the_example_Running_as_printed()
    {
        var banner = await BannerAsync(fixture.Silo.Process);
        Assert.Contains($"from {new Uri(fixture.Repository.Path).AbsoluteUri} (branch main), this Git checkout", banner);
        Assert.Contains($"edit a file under {Path.Combine(fixture.Repository.Path, "manifests-example")}", banner);
        Assert.Contains($"{fixture.Silo.Client.Server.AbsoluteUri.TrimEnd('/')}/dashboard", banner);
        var kubectl = KubectlLine().Match(banner);
        Assert.True(kubectl.Success, $"The banner has no kubectl line:\n{banner}");

        var output = "";
        await Eventually.HoldsAsync("the printed kubectl line to show the example Running", async ct =>
        {
            output = await ShellAsync(kubectl.Groups["command"].Value, ct);
            var running = Regex.Count(output, @"\s1/1\s+Running\s");
            return (running == 6 && output.Contains("deployment.apps/web", StringComparison.Ordinal)
                                 && output.Contains("deployment.apps/metrics-collector", StringComparison.Ordinal), output);
        }, Promise, fixture.Silo.Process);
    }

    [Fact]
    public async Task Outside_a_Git_checkout_the_silo_syncs_a_throw_away_repository_made_from_the_folder()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"gitops-e2e-nogit-{Guid.NewGuid():N}");
        foreach (var (relative, content) in ExampleSilo.ExampleFiles())
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(copy, relative))!);
            await File.WriteAllTextAsync(Path.Combine(copy, relative), content);
        }
        string? throwAway = null;
        try
        {
            await using var silo = SiloProcess.StartDefault("A", copy);
            var banner = await BannerAsync(silo.Process);
            var source = ThrowAwayUrl().Match(banner);
            Assert.True(source.Success, $"The banner does not name a throw-away repository:\n{banner}");
            throwAway = new Uri(source.Groups["url"].Value).LocalPath;
            Assert.True(Directory.Exists(Path.Combine(throwAway, ".git")), $"{throwAway} is not a Git repository.");

            await Eventually.HoldsAsync("the example Running from the throw-away repository", async ct =>
            {
                var pods = await silo.Client.ListAsync("/api/v1/pods", ct);
                var running = pods.Count(p => p["status"]?["phase"]?.GetValue<string>() == "Running");
                return (running == 6, $"{running} of {pods.Count} pods Running");
            }, Promise, silo.Process);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
            if (throwAway is not null)
                Directory.Delete(throwAway, recursive: true);
        }
    }

    [Fact]
    public async Task A_configured_source_turns_the_example_off()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var own = await GitRepository.CreateAsync(cancellation.Token);
        await own.CommitAsync("One ConfigMap", new Dictionary<string, string>
        {
            ["settings.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: own\n  namespace: default\ndata:\n  a: b\n",
        }, cancellation.Token);
        await using var silo = SiloProcess.StartDefault("A", fixture.Repository.Path, new Dictionary<string, string>
        {
            ["GitOps__Sources__0__Name"] = "own",
            ["GitOps__Sources__0__Url"] = own.Url,
        });

        await Eventually.HoldsAsync("the configured source synced", async ct =>
        {
            var sources = (await silo.Client.GetJsonAsync("/api/gitops/sources", ct)).AsArray();
            var names = string.Join(", ", sources.Select(s => $"{s?["name"]} {s?["phase"]}"));
            return (names == "own Synced", names);
        }, Promise, silo.Process);
        Assert.DoesNotContain("source 'example'", silo.Process.RecentOutput);
    }

    [Fact]
    public async Task A_connection_string_without_the_PostgreSql_provider_stops_the_silo_instead_of_keeping_everything_in_memory()
    {
        await using var silo = SiloProcess.StartDefault("A", fixture.Repository.Path, new Dictionary<string, string>
        {
            ["ConnectionStrings__GitOps"] = "Host=127.0.0.1;Username=gitops;Database=gitops",
        });

        var exitCode = await silo.Process.WaitForExitAsync(Promise);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ConnectionStrings:GitOps is set but GitOps:Storage:Provider is Memory", silo.Process.RecentOutput);
        Assert.Contains("GitOps__Storage__Provider=PostgreSql", silo.Process.RecentOutput);
    }

    // The lines the silo prints once it listens (the banner is logged as one message).
    private static async Task<string> BannerAsync(StartedProcess silo)
    {
        await Eventually.HoldsAsync("the start-up banner", _ => Task.FromResult(
            (silo.RecentOutput.Contains("kubectl:", StringComparison.Ordinal) && silo.RecentOutput.Contains("Configure a source", StringComparison.Ordinal),
             "no banner yet")), Promise, silo);
        return silo.RecentOutput;
    }

    private static async Task<string> ShellAsync(string command, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("/bin/sh could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return $"{await stdout}{await stderr}";
    }

    [GeneratedRegex(@"kubectl:\s+(?<command>kubectl -s \S+ get deploy,pods -A)\s*$", RegexOptions.Multiline)]
    private static partial Regex KubectlLine();

    [GeneratedRegex(@"from (?<url>file://\S+) \(branch main\), a throw-away repository made from the folder")]
    private static partial Regex ThrowAwayUrl();
}
