using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Pods.Spec;
using GitOps.NodeAgent.Pods.Status;
using GitOps.NodeAgent.Processes;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.NodeAgent.Tests.Processes;

/// <summary>
/// Runs one pod spec through the real process runtime (real processes, no API server: only
/// literal env values) and records every status it reports.
/// </summary>
internal sealed class ProcessPodHarness : IAsyncDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly List<PodStatusSnapshot> _history = [];
    private readonly CancellationTokenSource _life = new();
    private readonly KubeClient _unusedClient;
    private readonly string _workDirectory;
    private readonly ContainerIsolation _isolation;
    private Task _run = Task.CompletedTask;

    /// <param name="time">The agent's clock; the machine's unless a test sets the time itself.</param>
    public ProcessPodHarness(string specJson, TimeSpan? restartBackoff = null, TimeProvider? time = null)
    {
        _workDirectory = Path.Combine(Path.GetTempPath(), "gitops-agent-tests", Guid.NewGuid().ToString("N"));
        var pod = new KubeObject("v1", "Pod", "default", "test-pod");
        pod.Metadata.Uid = Guid.NewGuid().ToString();
        pod.Spec = JsonNode.Parse(specJson)!.AsObject();
        var options = new ProcessRuntimeOptions
        {
            WorkDirectory = _workDirectory,
            RestartBackoff = restartBackoff ?? TimeSpan.FromMilliseconds(200),
            MaxRestartBackoff = TimeSpan.FromSeconds(1),
        };
        // Literal env values never reach the API; the client only exists to satisfy the resolver.
        _unusedClient = new KubeClient(new KubeClientOptions { Server = new Uri("http://127.0.0.1:9") }, NullLogger<KubeClient>.Instance);
        Spec = PodSpecModel.Read(pod);
        _isolation = ContainerIsolation.Start(options);
        Pod = new ProcessPod(pod, Spec, "127.0.0.1", options, _isolation, new EnvResolver(_unusedClient), time ?? TimeProvider.System, Record);
    }

    public ProcessPod Pod { get; }

    public PodSpecModel Spec { get; }

    public PodStatusSnapshot Latest
    {
        get
        {
            lock (_lock)
                return _history[^1];
        }
    }

    public IReadOnlyList<PodStatusSnapshot> History
    {
        get
        {
            lock (_lock)
                return _history.ToArray();
        }
    }

    public ProcessPodHarness Start()
    {
        _run = Pod.RunAsync(_life.Token);
        return this;
    }

    /// <summary>Waits until some reported status satisfies <paramref name="condition"/> and returns it; fails with the last status otherwise.</summary>
    public async Task<PodStatusSnapshot> WaitForAsync(Func<PodStatusSnapshot, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (DateTime.UtcNow < deadline)
        {
            lock (_lock)
            {
                var match = _history.FirstOrDefault(condition);
                if (match is not null)
                    return match;
            }
            await Task.Delay(50);
        }
        Assert.Fail($"Timed out waiting for {what}; last status: {Describe(Latest)}");
        throw new InvalidOperationException();
    }

    /// <summary>Requests deletion (as a deletionTimestamp does) and stops the containers within <paramref name="grace"/>.</summary>
    public async Task DeleteAsync(TimeSpan grace)
    {
        await _life.CancelAsync();
        await _run.WaitAsync(WaitLimit);
        await Pod.StopAsync(grace, CancellationToken.None).WaitAsync(WaitLimit);
    }

    public string ReadLog(string container, int restart = 0)
    {
        var path = Path.Combine(Pod.Sandbox, container, $"{restart}.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    public string SandboxFile(string name) => Path.Combine(Pod.Sandbox, name);

    public static string Describe(PodStatusSnapshot s) =>
        $"phase={s.Phase} initialized={s.Initialized} ready={s.ContainersReady} containers=[{string.Join("; ", s.InitContainerStatuses.Concat(s.ContainerStatuses).Select(c => $"{c.Name}: {c.State.Kind} {c.State.Reason} exit={c.State.ExitCode} restarts={c.RestartCount} ready={c.Ready}"))}]";

    public async ValueTask DisposeAsync()
    {
        await _life.CancelAsync();
        Pod.Kill();
        try
        {
            await _run.WaitAsync(WaitLimit);
        }
        catch (OperationCanceledException)
        {
        }
        _unusedClient.Dispose();
        _isolation.Dispose();
        _life.Dispose();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still be closing its log; the temp directory is cleaned by the OS.
        }
    }

    private void Record(PodStatusSnapshot snapshot)
    {
        lock (_lock)
            _history.Add(snapshot);
    }
}
