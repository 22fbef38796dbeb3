namespace GitOps.NodeAgent.Nodes;

/// <summary>How often nodes tell the control plane they are alive.</summary>
public sealed record HeartbeatOptions
{
    public static readonly TimeSpan DefaultLeaseRenewInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromSeconds(40);
    public static readonly TimeSpan DefaultNodeStatusInterval = TimeSpan.FromSeconds(40);

    /// <summary>How often each node's Lease in kube-node-lease is renewed (kubelet: 10 s).</summary>
    public TimeSpan LeaseRenewInterval { get; init; } = DefaultLeaseRenewInterval;

    /// <summary>The Lease's leaseDurationSeconds (kubelet: 40 s).</summary>
    public TimeSpan LeaseDuration { get; init; } = DefaultLeaseDuration;

    /// <summary>How often the Node's Ready condition (lastHeartbeatTime) is rewritten when nothing changed.</summary>
    public TimeSpan NodeStatusInterval { get; init; } = DefaultNodeStatusInterval;

    public IReadOnlyList<string> Validate(string prefix)
    {
        var errors = new List<string>();
        if (LeaseRenewInterval <= TimeSpan.Zero)
            errors.Add($"{prefix}heartbeat interval is {LeaseRenewInterval}; it must be positive.");
        if (LeaseDuration < LeaseRenewInterval)
            errors.Add($"{prefix}lease duration ({LeaseDuration}) must be at least the heartbeat interval ({LeaseRenewInterval}).");
        if (NodeStatusInterval < LeaseRenewInterval)
            errors.Add($"{prefix}node status interval ({NodeStatusInterval}) must be at least the heartbeat interval ({LeaseRenewInterval}).");
        return errors;
    }
}
