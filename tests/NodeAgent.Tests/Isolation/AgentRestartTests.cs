using System.Diagnostics;
using System.Globalization;
using GitOps.NodeAgent.Cli;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Processes;
using GitOps.NodeAgent.Tests.Api;

namespace GitOps.NodeAgent.Tests.Isolation;

/// <summary>
/// The process runtime's containment, with the agent executable as users start it: kill -9 of the agent leaves no
/// container process, a restart runs exactly one copy, containers run as the configured user with their rlimits.
/// </summary>
public sealed class AgentRestartTests
{
    private const long MemoryLimit = 256L * 1024 * 1024;

    [Fact]
    public async Task Kill_9_of_the_agent_leaves_no_container_process_and_each_restart_runs_exactly_one_copy()
    {
        Assert.True(Environment.IsPrivilegedProcess, "This test checks the switch to an unprivileged user: run the tests as root (as CI does).");
        await using var api = await ApiServer.StartAsync();
        var workDirectory = Path.Combine(Path.GetTempPath(), "gitops-agent-restart", Guid.NewGuid().ToString("N"));
        var marker = $"gitops-restart-marker-{Guid.NewGuid():N}";
        // A shell that forks a child: the group, not only the main process, must go.
        var spec = "{\"containers\":[{\"name\":\"worker\",\"image\":\"local\",\"command\":[\"sh\",\"-c\",\"sleep 3600 & sleep 3601; : " + marker + "\"],"
            + "\"resources\":{\"limits\":{\"memory\":\"256Mi\",\"cpu\":\"500m\"}}}]}";
        await api.Client.CreateAsync(ApiObjects.Pod("survivor", "restart-node", spec), ResourcePath.Pods("default"));

        var agent = StartAgent(api, workDirectory);
        try
        {
            var first = int.Parse(await Eventually.GetAsync(() => Task.FromResult(Single(marker)), "the container running once"), CultureInfo.InvariantCulture);
            Assert.Equal(65534, Uid(first));
            Assert.True(Group(first).Count >= 3, $"the container's group has {Group(first).Count} processes; the shell and its two sleeps were expected");
            Assert.Contains($"Max address space         {MemoryLimit}", File.ReadAllText($"/proc/{first}/limits"));

            // kill -9: the guardian kills the whole group at once.
            agent.Kill();
            await agent.WaitForExitAsync();
            await Eventually.GetAsync(() => Task.FromResult(Containers(marker).Count == 0 && Group(first).Count == 0 ? "gone" : null),
                "no process of the container left after kill -9 of the agent");

            agent = StartAgent(api, workDirectory);
            var second = int.Parse(await Eventually.GetAsync(() => Task.FromResult(Single(marker)), "the restarted agent running the container once"), CultureInfo.InvariantCulture);
            Assert.NotEqual(first, second);

            // The guardian killed as well (a power cut of the agent's session): the next start kills the leftovers itself.
            foreach (var guardian in Processes(ProcessGroups.GuardianName))
                Process.GetProcessById(guardian).Kill();
            agent.Kill();
            await agent.WaitForExitAsync();
            await Task.Delay(500);
            Assert.Equal([second], Containers(marker));

            agent = StartAgent(api, workDirectory);
            var third = int.Parse(await Eventually.GetAsync(() => Task.FromResult(Containers(marker) is [var only] && only != second ? Single(marker) : null),
                "the leftover killed and exactly one new copy running"), CultureInfo.InvariantCulture);
            await Task.Delay(1000);
            Assert.Equal([third], Containers(marker));
            Assert.Empty(Group(second));
        }
        finally
        {
            agent.Kill();
            await agent.WaitForExitAsync();
        }
        await Eventually.GetAsync(() => Task.FromResult(Containers(marker).Count == 0 ? "gone" : null), "no container left once the test's agent is gone");
    }

    [Fact]
    public async Task A_container_name_that_is_not_a_dns_label_is_refused_with_422_naming_the_field()
    {
        await using var api = await ApiServer.StartAsync();
        using var http = new HttpClient { BaseAddress = api.Address };
        var body = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"escape"},"spec":{"containers":[{"name":"../x","image":"local","command":["true"]}]}}""";

        var response = await http.PostAsync("/api/v1/namespaces/default/pods", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("spec.containers[0].name", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("containers", "../x")]
    [InlineData("initContainers", "a/b")]
    public void The_runtime_refuses_a_container_name_that_would_become_a_path_even_past_the_api(string list, string name)
    {
        var workDirectory = Path.Combine(Path.GetTempPath(), "gitops-agent-restart", Guid.NewGuid().ToString("N"));
        var options = new ProcessRuntimeOptions { WorkDirectory = workDirectory };
        var pod = new GitOps.Model.Objects.KubeObject("v1", "Pod", "default", "escape");
        pod.Metadata.Uid = Guid.NewGuid().ToString();
        var bad = $$"""[{"name":"{{name}}","image":"local","command":["true"]}]""";
        pod.Spec = System.Text.Json.Nodes.JsonNode.Parse(list == "containers"
            ? $$"""{"containers":{{bad}}}"""
            : $$"""{"containers":[{"name":"ok","image":"local","command":["true"]}],"{{list}}":{{bad}}}""")!.AsObject();
        using var isolation = ContainerIsolation.Start(options);
        using var client = new KubeClient(new KubeClientOptions { Server = new Uri("http://127.0.0.1:9") }, Microsoft.Extensions.Logging.Abstractions.NullLogger<KubeClient>.Instance);

        var refused = Assert.Throws<InvalidDataException>(() => new ProcessPod(
            pod, GitOps.NodeAgent.Pods.Spec.PodSpecModel.Read(pod), "127.0.0.1", options, isolation, new EnvResolver(client), TimeProvider.System, _ => { }));

        Assert.Contains($"'{name}' is not a DNS-1123 label", refused.Message);
        Assert.False(Directory.Exists(Path.Combine(workDirectory, "x")));
    }

    private static Process StartAgent(ApiServer api, string workDirectory)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            typeof(AgentCommand).Assembly.Location, "--server", api.Address.ToString(), "--runtime", "process", "--node-name", "restart-node",
            "--work-dir", workDirectory, "--run-as-user", "nobody", "--restart-backoff", "1s",
        })
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>The one container process's pid as text, or null while there is none or more than one.</summary>
    private static string? Single(string marker) => Containers(marker) is [var only] ? only.ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// The processes whose command line holds the marker and runs the shell itself: the container's main process
    /// (not setsid, prlimit or setpriv in the instant before each execs the next).
    /// </summary>
    private static List<int> Containers(string marker) =>
        Processes(marker).Where(pid => ReadCommandLine(pid) is ["sh", ..]).ToList();

    private static string[] ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static List<int> Processes(string text)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
                continue;
            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Contains(text, StringComparison.Ordinal))
                    found.Add(pid);
            }
            catch (IOException)
            {
                // Exited while listed.
            }
        }
        return found;
    }

    /// <summary>The live processes of process group <paramref name="pgid"/> (/proc/PID/stat's fifth field).</summary>
    private static List<int> Group(int pgid)
    {
        var members = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] != "Z" && fields[2] == pgid.ToString(CultureInfo.InvariantCulture))
                    members.Add(int.Parse(Path.GetFileName(directory), CultureInfo.InvariantCulture));
            }
            catch (Exception exception) when (exception is IOException or FormatException)
            {
            }
        }
        return members;
    }

    private static int Uid(int pid) =>
        int.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1],
            CultureInfo.InvariantCulture);
}
