namespace GitOps.NodeAgent.Pods.Spec;

/// <summary>A startup, liveness or readiness probe with the Kubernetes defaults.</summary>
public sealed record ProbeModel
{
    public ExecActionModel? Exec { get; init; }

    public HttpGetActionModel? HttpGet { get; init; }

    public TcpSocketActionModel? TcpSocket { get; init; }

    public int InitialDelaySeconds { get; init; }

    public int PeriodSeconds { get; init; } = 10;

    public int TimeoutSeconds { get; init; } = 1;

    public int SuccessThreshold { get; init; } = 1;

    public int FailureThreshold { get; init; } = 3;
}
