namespace GitOps.NodeAgent.Processes;

/// <summary>
/// How to start one container's process: the executable, its arguments, environment and directory, and the
/// address-space limit (bytes) from its memory limit.
/// </summary>
internal sealed record ContainerLaunch(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    string WorkingDirectory,
    long? MemoryLimitBytes = null);
