using GitOps.NodeAgent.Nodes;

namespace GitOps.NodeAgent.Hosting;

/// <summary>Settings of the part every runtime shares: registration, heartbeats, the pod watch and status writes.</summary>
public sealed record AgentHostOptions
{
    public const int DefaultStatusWriteConcurrency = 16;
    public const int DefaultRegistrationConcurrency = 16;

    public HeartbeatOptions Heartbeat { get; init; } = new();

    /// <summary>Pod status writes in flight at once.</summary>
    public int StatusWriteConcurrency { get; init; } = DefaultStatusWriteConcurrency;

    /// <summary>Node registrations in flight at once when a fleet starts.</summary>
    public int RegistrationConcurrency { get; init; } = DefaultRegistrationConcurrency;
}
