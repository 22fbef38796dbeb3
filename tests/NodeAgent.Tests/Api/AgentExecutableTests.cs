using System.Diagnostics;
using GitOps.NodeAgent.Cli;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Processes;

namespace GitOps.NodeAgent.Tests.Api;

/// <summary>The node agent as users start it: the executable, its command line and its stdin control.</summary>
public sealed class AgentExecutableTests
{
    [Fact]
    public async Task Executable_registers_a_simulated_fleet_runs_its_pods_and_silences_a_node_on_command()
    {
        await using var api = await ApiServer.StartAsync();
        using var agent = StartAgent(
            "--server", api.Address.ToString(), "--runtime", "simulated",
            "--nodes", "3", "--name-prefix", "exe-node", "--start-delay", "100ms", "--heartbeat-interval", "500ms",
            "--lease-duration", "2s", "--node-status-interval", "1s", "--control-stdin");
        var output = agent.StandardOutput.ReadToEndAsync();
        var errors = agent.StandardError.ReadToEndAsync();
        try
        {
            await Eventually.GetAsync(async () =>
            {
                var nodes = await api.Client.ListAsync(ResourcePath.Nodes(), ListOptions.None, CancellationToken.None);
                return nodes.Items.Count(n => n.Metadata.Name!.StartsWith("exe-node-", StringComparison.Ordinal)) == 3 ? nodes : null;
            }, "three nodes registered by the executable");
            await api.Client.CreateAsync(ApiObjects.Pod("from-exe", "exe-node-3", """{"containers":[{"name":"c","image":"busybox"}]}"""), ResourcePath.Pods("default"));
            await Eventually.GetAsync(async () =>
            {
                var pod = await api.Client.GetOrNullAsync(ResourcePath.Pod("default", "from-exe"));
                return pod?.Phase() == "Running" ? pod : null;
            }, "the pod Running");

            await Eventually.GetAsync(() => api.Client.GetOrNullAsync(ResourcePath.Lease("kube-node-lease", "exe-node-1")), "the lease of exe-node-1");
            await agent.StandardInput.WriteLineAsync("stop-heartbeat exe-node-1");
            await agent.StandardInput.FlushAsync();
            var silentSince = await Eventually.GetAsync(async () =>
            {
                var first = (await api.Client.GetOrNullAsync(ResourcePath.Lease("kube-node-lease", "exe-node-1")))?.Spec?["renewTime"]?.GetValue<string>();
                await Task.Delay(1500);
                var second = (await api.Client.GetOrNullAsync(ResourcePath.Lease("kube-node-lease", "exe-node-1")))?.Spec?["renewTime"]?.GetValue<string>();
                return first is not null && first == second ? first : null;
            }, "exe-node-1's lease no longer renewed");
            var other = (await api.Client.GetOrNullAsync(ResourcePath.Lease("kube-node-lease", "exe-node-2")))!.Spec!["renewTime"]!.GetValue<string>();
            await Eventually.GetAsync(async () =>
            {
                var renewed = await api.Client.GetOrNullAsync(ResourcePath.Lease("kube-node-lease", "exe-node-2"));
                return renewed?.Spec?["renewTime"]?.GetValue<string>() != other ? renewed : null;
            }, "exe-node-2 still renewing");
            Assert.NotNull(silentSince);
        }
        finally
        {
            agent.Kill(entireProcessTree: true);
            await agent.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        Assert.Contains("stop-heartbeat applied to node exe-node-1", await output + await errors);
    }

    [Fact]
    public async Task SIGTERM_stops_the_executable_as_Ctrl_C_does()
    {
        await using var api = await ApiServer.StartAsync();
        using var agent = StartAgent("--server", api.Address.ToString(), "--runtime", "simulated", "--nodes", "1", "--name-prefix", "term-node");
        var output = agent.StandardOutput.ReadToEndAsync();
        var errors = agent.StandardError.ReadToEndAsync();
        try
        {
            await Eventually.GetAsync(() => api.Client.GetOrNullAsync(ResourcePath.Node("term-node-1")), "the node registered by the executable");
            Assert.True(UnixSignals.Send(agent.Id, UnixSignals.SigTerm), "kill(SIGTERM) failed");
            await agent.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!agent.HasExited)
                agent.Kill(entireProcessTree: true);
        }
        var logged = await output + await errors;
        // Killed by the signal, the exit code would be 143 and nothing logged.
        Assert.True(agent.ExitCode == 0, $"exit code {agent.ExitCode}; output:\n{logged}");
        Assert.Contains("Node agent stopped (1 node(s))", logged);
    }

    // The built executable with its standard streams redirected.
    private static Process StartAgent(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(AgentCommand).Assembly.Location);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return Process.Start(info)!;
    }
}
