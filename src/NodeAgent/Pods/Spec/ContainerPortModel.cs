namespace GitOps.NodeAgent.Pods.Spec;

public sealed record ContainerPortModel
{
    public string? Name { get; init; }

    public int ContainerPort { get; init; }
}
