using System.Globalization;
using GitOps.EndToEnd.Tests.Harness;
using GitOps.TestSupport;

namespace GitOps.EndToEnd.Tests.Compose;

/// <summary>
/// The repository's docker-compose.yml run as its own compose project (a unique name, free host
/// ports, the example repository given), through `docker compose` when that plugin is there, else
/// Debian's docker-compose 1.29 (GITOPS_COMPOSE overrides: "docker-compose" or "docker compose").
/// Its images are built on local bases by deploy/build-local-images.sh, which needs no registry.
/// </summary>
public sealed class ComposeStack
{
    /// <summary>Compose projects of the tests are named with this prefix and the test process id, so ./test.sh can remove those of dead runs.</summary>
    public const string ProjectPrefix = "gitops-e2e-";

    private const string LocalEnvironmentFile = "artifacts/docker/local.env";

    private readonly string _composeFile;
    private readonly string[] _compose;
    private readonly Dictionary<string, string> _environment;

    private ComposeStack(string[] compose, string exampleRepository, int siloAPort, int siloBPort, int siloATlsPort, int siloBTlsPort)
    {
        _compose = compose;
        _composeFile = Path.Combine(RepositoryRoot.Path, "docker-compose.yml");
        ProjectName = $"{ProjectPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        SiloA = new Uri($"http://127.0.0.1:{siloAPort}");
        SiloB = new Uri($"http://127.0.0.1:{siloBPort}");
        SecureSiloA = new Uri($"https://127.0.0.1:{siloATlsPort}");
        SecureSiloB = new Uri($"https://127.0.0.1:{siloBTlsPort}");
        _environment = new Dictionary<string, string>
        {
            ["GITOPS_EXAMPLE_REPOSITORY"] = exampleRepository,
            ["GITOPS_SILO_A_PORT"] = siloAPort.ToString(CultureInfo.InvariantCulture),
            ["GITOPS_SILO_B_PORT"] = siloBPort.ToString(CultureInfo.InvariantCulture),
            ["GITOPS_SILO_A_TLS_PORT"] = siloATlsPort.ToString(CultureInfo.InvariantCulture),
            ["GITOPS_SILO_B_TLS_PORT"] = siloBTlsPort.ToString(CultureInfo.InvariantCulture),
            ["GITOPS_POLL_INTERVAL"] = "3s",
        };
    }

    public string ProjectName { get; }

    /// <summary>The compose command line, for messages: `docker compose` or `docker-compose`.</summary>
    public string Command => string.Join(' ', _compose);

    public Uri SiloA { get; }

    public Uri SiloB { get; }

    /// <summary>silo-a's HTTPS endpoint, where kubectl sends the admin kubeconfig's token (it sends none over HTTP).</summary>
    public Uri SecureSiloA { get; }

    public Uri SecureSiloB { get; }

    /// <summary>A stack whose silos sync <paramref name="exampleRepository"/> (a Git repository on this host, mounted read-only).</summary>
    public static async Task<ComposeStack> CreateAsync(string exampleRepository, CancellationToken cancellationToken)
    {
        var compose = await ChooseComposeAsync(cancellationToken);
        return new ComposeStack(compose, exampleRepository, FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
    }

    /// <summary>Builds the local bases (reused when present), publishes the apps, builds the stack's images and removes those they supersede.</summary>
    public async Task BuildAsync(CancellationToken cancellationToken)
    {
        await CommandLine.RunCheckedAsync(Path.Combine(RepositoryRoot.Path, "deploy", "build-local-images.sh"), [], RepositoryRoot.Path,
            _environment, TimeSpan.FromMinutes(12), cancellationToken);
        await ComposeAsync(["build"], TimeSpan.FromMinutes(6), cancellationToken);
        // Each build supersedes the last one's images, which would otherwise pile up untagged.
        var (exitCode, output) = await DockerEngine.RunAsync(["image", "prune", "--force", "--filter", "label=gitops.image"], TimeSpan.FromMinutes(2), cancellationToken);
        Assert.True(exitCode == 0, $"docker image prune failed: {output}");
    }

    /// <summary>Starts every service in the background; compose waits for PostgreSQL and the silos to be healthy before it starts what depends on them.</summary>
    public Task UpAsync(CancellationToken cancellationToken) => ComposeAsync(["up", "-d"], TimeSpan.FromMinutes(5), cancellationToken);

    public Task RestartAsync(IEnumerable<string> services, CancellationToken cancellationToken) =>
        ComposeAsync(["restart", .. services], TimeSpan.FromMinutes(3), cancellationToken);

    /// <summary>The admin kubeconfig the silos wrote into the auth volume (its token and the silos' self-signed certificate).</summary>
    public async Task<string> KubeconfigAsync(CancellationToken cancellationToken)
    {
        var (exitCode, output, errors) = await RunComposeAsync(["exec", "-T", "silo-a", "cat", "/var/lib/gitops/kubeconfig"], TimeSpan.FromMinutes(1), cancellationToken);
        if (exitCode != 0)
            throw new InvalidOperationException($"{Command} exec silo-a cat /var/lib/gitops/kubeconfig failed with code {exitCode}:\n{output}\n{errors}");
        return output;
    }

    /// <summary>The containers' last log lines, for a failing test's message.</summary>
    public async Task<string> LogsAsync(CancellationToken cancellationToken)
    {
        var (_, output, errors) = await RunComposeAsync(["logs", "--no-color", "--tail", "60"], TimeSpan.FromMinutes(1), cancellationToken);
        return output + "\n" + errors;
    }

    /// <summary>
    /// Stops every service with its stop signal and a grace of 20 s, then gives each container's
    /// exit code: 0 when it stopped by itself, 137 when docker had to kill it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> StopAsync(CancellationToken cancellationToken)
    {
        await ComposeAsync(["stop", "--timeout", "20"], TimeSpan.FromMinutes(3), cancellationToken);
        var (exitCode, ids) = await DockerEngine.RunAsync(["ps", "-aq", "--filter", $"label=com.docker.compose.project={ProjectName}"], TimeSpan.FromSeconds(30), cancellationToken);
        Assert.True(exitCode == 0, $"docker ps failed: {ids}");
        var codes = new Dictionary<string, int>();
        foreach (var id in ids.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (inspected, state) = await DockerEngine.RunAsync(
                ["inspect", "--format", "{{index .Config.Labels \"com.docker.compose.service\"}} {{.State.ExitCode}}", id], TimeSpan.FromSeconds(30), cancellationToken);
            Assert.True(inspected == 0, $"docker inspect {id} failed: {state}");
            var parts = state.Trim().Split(' ');
            codes[parts[0]] = int.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        return codes;
    }

    /// <summary>Stops and removes the project's containers, networks and volumes.</summary>
    public Task DownAsync(CancellationToken cancellationToken) =>
        ComposeAsync(["down", "-v", "--remove-orphans", "--timeout", "20"], TimeSpan.FromMinutes(3), cancellationToken);

    /// <summary>Whatever of this project is still there: containers, networks and volumes, by compose label or name prefix.</summary>
    public async Task<IReadOnlyList<string>> LeftoversAsync(CancellationToken cancellationToken)
    {
        var left = new List<string>();
        foreach (var list in (string[][])[["ps", "-a"], ["network", "ls"], ["volume", "ls"]])
        {
            foreach (var filter in (string[])[$"label=com.docker.compose.project={ProjectName}", $"name={ProjectName}"])
            {
                var (exitCode, output) = await DockerEngine.RunAsync([.. list, "-q", "--filter", filter], TimeSpan.FromSeconds(30), cancellationToken);
                Assert.True(exitCode == 0, $"docker {string.Join(' ', list)} failed: {output}");
                left.AddRange(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(id => $"{(list[0] == "ps" ? "container" : list[0])} {id}"));
            }
        }
        return left.Distinct().ToArray();
    }

    private async Task ComposeAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (exitCode, output, errors) = await RunComposeAsync(arguments, timeout, cancellationToken);
        if (exitCode != 0)
            throw new InvalidOperationException($"{Command} {string.Join(' ', arguments)} (project {ProjectName}) failed with code {exitCode}:\n{output}\n{errors}");
    }

    private Task<(int ExitCode, string Output, string Errors)> RunComposeAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        CommandLine.RunAsync(_compose[0],
            [.. _compose[1..], "--project-name", ProjectName, "--file", _composeFile, "--env-file", Path.Combine(RepositoryRoot.Path, LocalEnvironmentFile), .. arguments],
            RepositoryRoot.Path, _environment, timeout, cancellationToken);

    private static async Task<string[]> ChooseComposeAsync(CancellationToken cancellationToken)
    {
        var configured = Environment.GetEnvironmentVariable("GITOPS_COMPOSE");
        if (!string.IsNullOrWhiteSpace(configured))
            return configured.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (plugin, _) = await DockerEngine.RunAsync(["compose", "version"], TimeSpan.FromSeconds(30), cancellationToken);
        if (plugin == 0)
            return ["docker", "compose"];
        try
        {
            await CommandLine.RunCheckedAsync("docker-compose", ["version"], RepositoryRoot.Path, new Dictionary<string, string>(), TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("Neither `docker compose` nor `docker-compose` is installed: apt-get install docker-compose (or run ./test.sh as root, which does).");
        }
        return ["docker-compose"];
    }
}
