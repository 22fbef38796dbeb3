namespace GitOps.NodeAgent.Processes;

/// <summary>A container's environment, or why it cannot be built yet (a missing config map or secret key).</summary>
internal sealed record EnvResolution(IReadOnlyList<KeyValuePair<string, string>> Variables, string? Error)
{
    public bool IsResolved => Error is null;
}
