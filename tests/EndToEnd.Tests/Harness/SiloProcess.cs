using GitOps.TestSupport;

namespace GitOps.EndToEnd.Tests.Harness;

/// <summary>
/// One silo process on PostgreSQL, on free ports, with controller timings shortened so node failure
/// is observable within a test, and a client for its HTTP API.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string? _workingDirectory;

    private SiloProcess(string name, int siloPort, StartedProcess process, ClusterClient client, IReadOnlyDictionary<string, string> environment, string? workingDirectory)
    {
        _environment = environment;
        _workingDirectory = workingDirectory;
        Name = name;
        SiloPort = siloPort;
        Process = process;
        Client = client;
    }

    /// <summary>A, B, C, ...: how the tests' messages name the silo.</summary>
    public string Name { get; }

    /// <summary>The port Orleans silos talk to each other on: what identifies this silo in a silo address.</summary>
    public int SiloPort { get; }

    public StartedProcess Process { get; }

    public ClusterClient Client { get; }

    /// <summary>False once a test killed or suspended it.</summary>
    public bool IsExpectedUp { get; private set; } = true;

    /// <param name="settings">More settings (environment variables), such as a Git source to sync.</param>
    public static SiloProcess Start(string name, string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["GitOps__Storage__Provider"] = "PostgreSql",
            ["ConnectionStrings__GitOps"] = connectionString,
            ["GitOps__SimulatedNodes"] = "0",
            // Only the tests of the embedded default run the example (StartDefault).
            ["GitOps__Example__Enabled"] = "false",
            ["GitOps__Controllers__NodeGracePeriod"] = "00:00:05",
            ["GitOps__Controllers__PodEvictionTimeout"] = "00:00:03",
            ["GitOps__Controllers__NodeMonitorPeriod"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key] = value;
        return Launch(name, environment, workingDirectory: null);
    }

    /// <summary>
    /// The embedded default, as <c>dotnet run --project src/Silo</c> starts it in <paramref name="workingDirectory"/>:
    /// memory storage, three in-process simulated nodes and, unless <paramref name="settings"/> configure a
    /// source, the example. Only the ports and the mirror cache are the test's own; the start-up banner is logged.
    /// With <paramref name="authenticated"/> it is exactly the default: HTTP and HTTPS, a token on every request, the
    /// admin token and kubeconfig generated in <see cref="DataDirectory"/> (whose admin token <see cref="Client"/> sends);
    /// else anonymous calls are allowed, as in every other test.
    /// </summary>
    public static SiloProcess StartDefault(string name, string workingDirectory, IReadOnlyDictionary<string, string>? settings = null, bool authenticated = false)
    {
        var environment = new Dictionary<string, string> { ["Logging__LogLevel__GitOps.Silo"] = "Information" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key] = value;
        return Launch(name, environment, workingDirectory, authenticated);
    }

    private static SiloProcess Launch(string name, Dictionary<string, string> settings, string? workingDirectory, bool authenticated = false)
    {
        var httpPort = FreePorts.Next();
        var siloPort = FreePorts.Next();
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = authenticated ? $"http://127.0.0.1:{httpPort};https://127.0.0.1:{FreePorts.Next()}" : $"http://127.0.0.1:{httpPort}",
            ["GitOps__Cluster__SiloPort"] = siloPort.ToString(),
            ["GitOps__Cluster__GatewayPort"] = FreePorts.Next().ToString(),
            ["GitOps__CacheDirectory"] = Path.Combine(Path.GetTempPath(), $"gitops-e2e-cache-{Guid.NewGuid():N}"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (authenticated)
            environment["GitOps__DataDirectory"] = Path.Combine(Path.GetTempPath(), $"gitops-e2e-data-{Guid.NewGuid():N}");
        else
            environment[AnonymousAccess.EnvironmentVariable] = "true";
        foreach (var (key, value) in settings)
            environment[key] = value;
        var process = StartedProcess.Start("Silo", [], environment, workingDirectory);
        return new SiloProcess(name, siloPort, process, NewClient(new Uri($"http://127.0.0.1:{httpPort}"), environment), environment, workingDirectory);
    }

    /// <summary>Where an authenticated default silo keeps its generated token file, kubeconfig and keys; null for anonymous ones.</summary>
    public string? DataDirectory => _environment.GetValueOrDefault("GitOps__DataDirectory");

    private static ClusterClient NewClient(Uri server, IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("GitOps__DataDirectory", out var data)
            ? new ClusterClient(server, handler: new AdminTokenHandler(Path.Combine(data, "tokens.csv")))
            : new ClusterClient(server);

    /// <summary>
    /// A new process of this silo after it was killed: the same settings, ports and working directory,
    /// as an orchestrator restarts it. Joining, it declares its older generation at the same address dead at once.
    /// </summary>
    public SiloProcess Restart()
    {
        if (!Process.HasExited)
            throw new InvalidOperationException($"{this} is still running; kill it before restarting it.");
        return new SiloProcess(Name, SiloPort, StartedProcess.Start("Silo", [], _environment, _workingDirectory), NewClient(Client.Server, _environment), _environment, _workingDirectory);
    }

    /// <summary><c>kill -9</c>: the silo vanishes without leaving the cluster; membership must find out by probing.</summary>
    public Task KillAsync()
    {
        IsExpectedUp = false;
        return Process.KillAsync();
    }

    /// <summary>SIGTERM: the silo leaves the cluster gracefully, handing its grains over, and exits.</summary>
    public void Terminate()
    {
        IsExpectedUp = false;
        Process.Terminate();
    }

    /// <summary>SIGSTOP: the silo stops answering probes and requests but keeps its state, as in a long GC pause or a frozen VM.</summary>
    public void Suspend()
    {
        IsExpectedUp = false;
        Process.Suspend();
    }

    /// <summary>SIGCONT after <see cref="Suspend"/>; the silo stays out of <see cref="MultiSiloCluster.LiveProcesses"/>.</summary>
    public void Resume() => Process.Resume();

    public override string ToString() => $"silo {Name} (silo port {SiloPort}, {Client.Server})";

    public async ValueTask DisposeAsync()
    {
        // SIGKILL ends a suspended process too.
        await Process.DisposeAsync();
        Client.Dispose();
    }
}
