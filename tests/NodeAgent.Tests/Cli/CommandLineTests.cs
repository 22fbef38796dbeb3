using System.CommandLine;
using GitOps.NodeAgent.Cli;

namespace GitOps.NodeAgent.Tests.Cli;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("00:00:30", 30_000)]
    public void Durations_accept_the_forms_Kubernetes_users_write(string text, int milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("ten seconds")]
    [InlineData("10")]
    [InlineData("")]
    public void Durations_without_a_unit_are_refused(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Fact]
    public async Task Invalid_options_are_reported_each_naming_its_option_and_the_agent_does_not_start()
    {
        var errors = new StringWriter();
        var original = Console.Error;
        Console.SetError(errors);
        int exitCode;
        try
        {
            exitCode = await AgentCommand.Create().Parse([
                "--server", "localhost:8080", "--nodes", "0", "--start-delay", "soon", "--failure-rate", "150",
                "--taint", "x", "--stop-heartbeat-after", "nobody=5s", "--runtime", "docker",
            ]).InvokeAsync();
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(2, exitCode);
        var text = errors.ToString();
        foreach (var option in new[] { "--server", "--nodes", "--start-delay", "--failure-rate", "--taint", "--stop-heartbeat-after", "--runtime" })
            Assert.Contains(option, text);
    }

    [Fact]
    public void Server_is_repeatable_and_the_servers_are_used_in_the_order_given()
    {
        var (settings, errors) = Read("--server", "http://127.0.0.1:8080", "--server", "http://127.0.0.1:8081/");

        Assert.Empty(errors);
        Assert.Equal([new Uri("http://127.0.0.1:8080"), new Uri("http://127.0.0.1:8081")], settings!.Servers);
        Assert.Equal(settings.Servers, settings.Fleet.Servers);
    }

    [Fact]
    public void Each_server_is_checked_and_a_server_given_twice_is_refused()
    {
        var (settings, errors) = Read("--server", "http://127.0.0.1:8080", "--server", "silo-2:8080", "--server", "http://127.0.0.1:8080/");

        Assert.Null(settings);
        Assert.Contains(errors, e => e.StartsWith("--server 'silo-2:8080' is not an http:// or https:// URL", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--server 'http://127.0.0.1:8080/' is given more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void Process_runtime_options_without_runtime_process_say_it_is_off_and_what_to_pass()
    {
        var (settings, errors) = Read("--server", "http://127.0.0.1:8080", "--work-dir", "/tmp/x", "--run-as-user", "nobody");

        Assert.Null(settings);
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Contains("process runtime, which is off: the simulated runtime is the default. Pass --runtime process", e));
        Assert.Contains(errors, e => e.StartsWith("--work-dir", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--run-as-user", StringComparison.Ordinal));
    }

    [Fact]
    public void A_root_agent_refuses_root_or_an_unknown_user_for_its_containers()
    {
        Assert.True(Environment.IsPrivilegedProcess, "This test checks the root agent's user switch: run the tests as root (as CI does).");

        var (_, asRoot) = Read("--server", "http://127.0.0.1:8080", "--runtime", "process", "--run-as-user", "root");
        var (_, unknown) = Read("--server", "http://127.0.0.1:8080", "--runtime", "process", "--run-as-user", "no-such-user-here");
        var (settings, fine) = Read("--server", "http://127.0.0.1:8080", "--runtime", "process");

        Assert.Contains(asRoot, e => e.Contains("--run-as-user 'root' is root", StringComparison.Ordinal));
        Assert.Contains(unknown, e => e.Contains("names no user of this host", StringComparison.Ordinal));
        Assert.Empty(fine);
        Assert.Null(settings!.Process.RunAsUser);
        Assert.Equal("nobody", GitOps.NodeAgent.Processes.ContainerIsolation.ResolveUser(null).User!.Name);
    }

    [Fact]
    public void Token_files_are_read_and_a_token_directory_must_hold_every_nodes_token()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"gitops-agent-cli-tokens-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "sim-node-1"), "t1\n");
            File.WriteAllText(Path.Combine(directory, "empty"), "\n");
            File.WriteAllText(Path.Combine(directory, "agent"), "\n  agent-token  \n");

            var (refused, errors) = Read("--server", "http://127.0.0.1:8080", "--nodes", "3", "--token-dir", directory, "--token-file", Path.Combine(directory, "empty"));
            var (accepted, none) = Read("--server", "http://127.0.0.1:8080", "--nodes", "1", "--token-dir", directory, "--token-file", Path.Combine(directory, "agent"));

            Assert.Null(refused);
            Assert.Contains(errors, e => e.StartsWith($"--token-dir '{directory}' has no token file for node sim-node-2, sim-node-3", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.StartsWith("--token-file", StringComparison.Ordinal) && e.Contains("is empty", StringComparison.Ordinal));
            Assert.Empty(none);
            Assert.Equal("agent-token", accepted!.Credentials.Token);
            Assert.Equal("t1", accepted.Credentials.ForNode("sim-node-1"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (AgentSettings? Settings, List<string> Errors) Read(params string[] args)
    {
        var options = new CliOptions();
        var root = new RootCommand();
        foreach (var option in options.All)
            root.Options.Add(option);
        var errors = new List<string>();
        var settings = AgentSettingsReader.Read(root.Parse(args), options, errors);
        return (settings, errors);
    }
}
