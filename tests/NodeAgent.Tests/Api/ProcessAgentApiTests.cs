using System.Text;
using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Hosting;
using GitOps.NodeAgent.Nodes;
using GitOps.NodeAgent.Processes;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Tests.Api;

public sealed class ProcessAgentApiTests : IAsyncLifetime
{
    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), "gitops-agent-api-tests", Guid.NewGuid().ToString("N"));
    private ApiServer _api = null!;
    private KubeClient _agentClient = null!;
    private AgentHost _agent = null!;
    private readonly RecordingLogger _agentLog = new();
    private ILoggerFactory _agentLoggers = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiServer.StartAsync();
        _agentLoggers = _agentLog.Factory();
        _agentClient = new KubeClient(new KubeClientOptions { Server = _api.Address }, _agentLoggers.CreateLogger<KubeClient>());
        var node = new NodeTemplate("local-1", "2", "4Gi", 20, "127.0.0.1", "10.244.0.0/24", "local", "process", new Dictionary<string, string>(), []);
        var runtime = new ProcessRuntime(new ProcessRuntimeOptions { WorkDirectory = _workDirectory, RestartBackoff = TimeSpan.FromMilliseconds(200), MaxRestartBackoff = TimeSpan.FromSeconds(1) });
        _agent = new AgentHost(_agentClient, [node], runtime, new AgentHostOptions(), TimeProvider.System, _agentLog);
        await _agent.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        _agentClient.Dispose();
        _agentLoggers.Dispose();
        await _api.DisposeAsync();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still hold its log open; the OS cleans the temp directory.
        }
    }

    [Fact]
    public async Task Env_from_config_maps_and_secrets_reaches_a_real_process_whose_pod_is_reported_Running()
    {
        var configMap = new KubeObject("v1", "ConfigMap", "default", "settings") { };
        configMap.Root["data"] = new JsonObject { ["greeting"] = "hello" };
        await _api.Client.CreateAsync(configMap, new ResourcePath("", "v1", "configmaps", "default"));
        var secret = new KubeObject("v1", "Secret", "default", "credentials");
        secret.Root["data"] = new JsonObject { ["password"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("s3cret")) };
        await _api.Client.CreateAsync(secret, new ResourcePath("", "v1", "secrets", "default"));

        await _api.Client.CreateAsync(ApiObjects.Pod("env-demo", "local-1", """
            {"containers":[{"name":"main","image":"busybox","command":["sh","-c","echo \"$GREETING $PASSWORD $NODE $OPTIONAL.\"; sleep 60"],
              "env":[{"name":"GREETING","valueFrom":{"configMapKeyRef":{"name":"settings","key":"greeting"}}},
                     {"name":"PASSWORD","valueFrom":{"secretKeyRef":{"name":"credentials","key":"password"}}},
                     {"name":"NODE","valueFrom":{"fieldRef":{"fieldPath":"spec.nodeName"}}},
                     {"name":"OPTIONAL","valueFrom":{"configMapKeyRef":{"name":"absent","key":"x","optional":true}}}]}]}
            """), ResourcePath.Pods("default"));

        var pod = await Eventually.GetAsync(async () =>
        {
            var current = await _api.Client.GetOrNullAsync(ResourcePath.Pod("default", "env-demo"));
            return current?.Phase() == "Running" && current.Condition("Ready") == "True" ? current : null;
        }, "env-demo Running and Ready", diagnose: Diagnose);
        Assert.Equal("127.0.0.1", pod.Status!["podIP"]!.GetValue<string>());
        var log = await Eventually.GetAsync(() => Task.FromResult(ReadLog(pod, "main") is { Length: > 0 } text ? text : null), "the container's output");
        Assert.Equal("hello s3cret local-1 .\n", log);
    }

    [Fact]
    public async Task A_missing_config_map_holds_the_container_in_CreateContainerConfigError_until_it_appears()
    {
        await _api.Client.CreateAsync(ApiObjects.Pod("waits", "local-1", """
            {"containers":[{"name":"main","image":"busybox","command":["sleep","60"],
              "env":[{"name":"X","valueFrom":{"configMapKeyRef":{"name":"late","key":"x"}}}]}]}
            """), ResourcePath.Pods("default"));

        var waiting = await Eventually.GetAsync(async () =>
        {
            var current = await _api.Client.GetOrNullAsync(ResourcePath.Pod("default", "waits"));
            return current?.Container()?["state"]?["waiting"]?["reason"]?.GetValue<string>() == "CreateContainerConfigError" ? current : null;
        }, "CreateContainerConfigError", diagnose: Diagnose);
        Assert.Contains("late", waiting.Container()!["state"]!["waiting"]!["message"]!.GetValue<string>());
        Assert.Equal("Pending", waiting.Phase());

        var configMap = new KubeObject("v1", "ConfigMap", "default", "late");
        configMap.Root["data"] = new JsonObject { ["x"] = "1" };
        await _api.Client.CreateAsync(configMap, new ResourcePath("", "v1", "configmaps", "default"));

        await Eventually.GetAsync(async () =>
        {
            var current = await _api.Client.GetOrNullAsync(ResourcePath.Pod("default", "waits"));
            return current?.Phase() == "Running" ? current : null;
        }, "Running once the config map exists", diagnose: Diagnose);
    }

    [Fact]
    public async Task A_command_exiting_1_is_restarted_under_OnFailure_and_fails_the_pod_under_Never()
    {
        await _api.Client.CreateAsync(ApiObjects.Pod("retry", "local-1", """{"restartPolicy":"OnFailure","containers":[{"name":"main","image":"busybox","command":["sh","-c","exit 1"]}]}"""), ResourcePath.Pods("default"));
        await _api.Client.CreateAsync(ApiObjects.Pod("give-up", "local-1", """{"restartPolicy":"Never","containers":[{"name":"main","image":"busybox","command":["sh","-c","exit 1"]}]}"""), ResourcePath.Pods("default"));

        var retried = await Eventually.GetAsync(async () =>
        {
            var current = await _api.Client.GetOrNullAsync(ResourcePath.Pod("default", "retry"));
            return current?.RestartCount() >= 2 ? current : null;
        }, "retry restarted twice", diagnose: Diagnose);
        Assert.Equal(1, retried.Container()!["lastState"]!["terminated"]!["exitCode"]!.GetValue<int>());
        var failed = await Eventually.GetAsync(async () =>
        {
            var current = await _api.Client.GetOrNullAsync(ResourcePath.Pod("default", "give-up"));
            return current?.Phase() == "Failed" ? current : null;
        }, "give-up Failed", diagnose: Diagnose);
        Assert.Equal(1, failed.Container()!["state"]!["terminated"]!["exitCode"]!.GetValue<int>());
        Assert.Equal(0, failed.RestartCount());
    }

    [Fact]
    public async Task Deleting_a_pod_stops_its_process()
    {
        await _api.Client.CreateAsync(ApiObjects.Pod("sleeper", "local-1", """{"containers":[{"name":"main","image":"busybox","command":["sh","-c","echo $$$$ > $HOME/pid; exec sleep 60"]}]}"""), ResourcePath.Pods("default"));
        var pod = await Eventually.GetAsync(async () =>
        {
            var current = await _api.Client.GetOrNullAsync(ResourcePath.Pod("default", "sleeper"));
            return current?.Phase() == "Running" ? current : null;
        }, "sleeper Running", diagnose: Diagnose);
        var pidFile = Path.Combine(Sandbox(pod), "pid");
        var pid = int.Parse((await Eventually.GetAsync(() => Task.FromResult(File.Exists(pidFile) && File.ReadAllText(pidFile).Trim() is { Length: > 0 } t ? t : null), "the pid file")));
        Assert.True(ProcessExists(pid));

        var deleted = await _api.Client.DeleteAsync(ResourcePath.Pod("default", "sleeper"), new DeleteOptions(GracePeriodSeconds: 5), CancellationToken.None);
        Assert.True(deleted.IsSuccess, deleted.Error?.ToString());

        await Eventually.GetAsync(() => Task.FromResult(ProcessExists(pid) ? null : new object()), "the container process gone");
    }

    /// <summary>The agent's log and every pod as stored, for a failed wait.</summary>
    private async Task<string> Diagnose()
    {
        var pods = await _api.Client.ListAsync(ResourcePath.Pods("default"), ListOptions.None, CancellationToken.None);
        return $"Pods:{Environment.NewLine}{string.Join(Environment.NewLine, pods.Items.Select(p => p.Root.ToJsonString()))}{Environment.NewLine}Agent log:{Environment.NewLine}{_agentLog}";
    }

    private string Sandbox(KubeObject pod) =>
        Path.Combine(_workDirectory, "pods", $"default_{pod.Metadata.Name}_{pod.Metadata.Uid}");

    private string ReadLog(KubeObject pod, string container)
    {
        var path = Path.Combine(Sandbox(pod), container, "0.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
