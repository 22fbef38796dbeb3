using System.Runtime.InteropServices;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Hosting;
using GitOps.NodeAgent.Logging;
using GitOps.NodeAgent.Nodes;
using GitOps.NodeAgent.Pods;
using GitOps.NodeAgent.Processes;
using GitOps.NodeAgent.Simulated;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Cli;

/// <summary>Runs the agent the command line describes until it is asked to stop (Ctrl+C, SIGTERM).</summary>
internal static class AgentRunner
{
    public static async Task<int> RunAsync(AgentSettings settings, CancellationToken interrupted)
    {
        // The command line stops on Ctrl+C only. SIGTERM (systemd, `docker stop`) would otherwise
        // kill the process without a stop, and as a container's PID 1 it would be ignored altogether.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(interrupted);
        using var terminated = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stopping.Cancel();
        });
        var cancellationToken = stopping.Token;
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(settings.LogLevel)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            }));
        var logger = loggerFactory.CreateLogger("GitOps.NodeAgent");
        using var client = new KubeClient(
            new KubeClientOptions { Servers = settings.Servers, MaxConcurrentRequests = settings.MaxConcurrentRequests, Credentials = settings.Credentials },
            loggerFactory.CreateLogger<KubeClient>());
        IPodRuntime runtime = settings.Runtime == AgentSettings.ProcessRuntime
            ? new ProcessRuntime(settings.Process)
            : new SimulatedRuntime(settings.Fleet.Pods);
        using var processes = runtime as ProcessRuntime;
        if (processes is not null)
            AgentLog.ProcessRuntimeReady(logger, processes.RunAs?.Name ?? Environment.UserName, processes.KilledLeftovers, settings.Process.WorkDirectory);
        IEnumerable<NodeTemplate> nodes = settings.Runtime == AgentSettings.ProcessRuntime
            ? [settings.ProcessNode]
            : settings.Fleet.NodeTemplates();
        // The agent process's one clock: every time it writes and every interval it measures reads it.
        await using var host = new AgentHost(client, nodes, runtime, settings.Host, TimeProvider.System, logger);
        try
        {
            await host.StartAsync(cancellationToken);
            foreach (var (node, after) in settings.StopHeartbeatAfter)
                _ = SilenceLaterAsync(host.Node(node), after, cancellationToken);
            if (settings.ControlStdin)
                _ = StdinControl.RunAsync(Console.In, host, logger, cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        return 0;
    }

    private static async Task SilenceLaterAsync(ManagedNode node, TimeSpan after, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(after, cancellationToken);
            node.Silence();
        }
        catch (OperationCanceledException)
        {
        }
    }
}
