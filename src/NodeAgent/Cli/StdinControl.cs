using GitOps.NodeAgent.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Cli;

/// <summary>
/// Failure injection from standard input, one command a line: <c>stop-heartbeat &lt;node&gt;</c>
/// silences a node, <c>resume-heartbeat &lt;node&gt;</c> brings it back. A test driving the agent
/// process writes these lines; end of input ends the control loop, not the agent.
/// </summary>
internal static partial class StdinControl
{
    public static async Task RunAsync(TextReader input, AgentHost host, ILogger logger, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null)
                return;
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length == 0)
                continue;
            if (words.Length != 2 || !host.Nodes.TryGetValue(words[1], out var node))
            {
                CommandRejected(logger, line, string.Join(", ", host.Nodes.Keys.Take(5)));
                continue;
            }
            switch (words[0])
            {
                case "stop-heartbeat":
                    node.Silence();
                    CommandApplied(logger, words[0], node.Name);
                    break;
                case "resume-heartbeat":
                    node.Resume();
                    CommandApplied(logger, words[0], node.Name);
                    break;
                default:
                    CommandRejected(logger, line, string.Join(", ", host.Nodes.Keys.Take(5)));
                    break;
            }
        }
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "Control command {Command} applied to node {Node}")]
    private static partial void CommandApplied(ILogger logger, string command, string node);

    [LoggerMessage(EventId = 51, Level = LogLevel.Warning, Message = "Control command '{Line}' not understood: write 'stop-heartbeat <node>' or 'resume-heartbeat <node>' with a node this agent serves ({Nodes})")]
    private static partial void CommandRejected(ILogger logger, string line, string nodes);
}
