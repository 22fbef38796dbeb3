namespace GitOps.NodeAgent.Pods.Status;

/// <summary>Everything the agent reports about one pod; <see cref="PodStatusBuilder"/> turns it into the status JSON.</summary>
public sealed record PodStatusSnapshot(
    string Phase,
    string HostIp,
    string? PodIp,
    DateTimeOffset StartTime,
    bool Initialized,
    bool ContainersReady,
    IReadOnlyList<ContainerStatusSnapshot> InitContainerStatuses,
    IReadOnlyList<ContainerStatusSnapshot> ContainerStatuses,
    string? Reason = null,
    string? Message = null)
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";

    public bool IsTerminal => Phase is Succeeded or Failed;
}
