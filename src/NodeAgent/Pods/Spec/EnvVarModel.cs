namespace GitOps.NodeAgent.Pods.Spec;

/// <summary>One <c>env</c> entry: a literal value or a reference to a config map or secret key.</summary>
public sealed record EnvVarModel
{
    public string Name { get; init; } = "";

    public string? Value { get; init; }

    public EnvVarSourceModel? ValueFrom { get; init; }
}
