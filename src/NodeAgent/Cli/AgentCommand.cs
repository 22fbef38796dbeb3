using System.CommandLine;

namespace GitOps.NodeAgent.Cli;

/// <summary>The node agent's command line: parses, validates (every problem names its option) and runs.</summary>
public static class AgentCommand
{
    public static RootCommand Create()
    {
        var options = new CliOptions();
        var root = new RootCommand("GitOps node agent: registers nodes with the API server, heartbeats, and runs the pods bound to them (simulated or as local processes).");
        foreach (var option in options.All)
            root.Options.Add(option);
        root.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            var settings = AgentSettingsReader.Read(parse, options, errors);
            if (settings is null)
            {
                foreach (var error in errors)
                    await Console.Error.WriteLineAsync(error);
                return 2;
            }
            return await AgentRunner.RunAsync(settings, cancellationToken);
        });
        return root;
    }
}
