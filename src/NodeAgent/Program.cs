using GitOps.NodeAgent.Cli;

return await AgentCommand.Create().Parse(args).InvokeAsync();
