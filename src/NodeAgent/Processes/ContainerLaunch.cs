namespace GitOps.NodeAgent.Processes;

/// <summary>How to start one container's process: the executable, its arguments, environment and directory.</summary>
internal sealed record ContainerLaunch(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    string WorkingDirectory);
