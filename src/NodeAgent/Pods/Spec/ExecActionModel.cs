namespace GitOps.NodeAgent.Pods.Spec;

public sealed record ExecActionModel
{
    public IReadOnlyList<string> Command { get; init; } = [];
}
