namespace GitOps.NodeAgent.Pods.Spec;

public sealed record EnvVarSourceModel
{
    public KeySelectorModel? ConfigMapKeyRef { get; init; }

    public KeySelectorModel? SecretKeyRef { get; init; }

    public FieldRefModel? FieldRef { get; init; }
}
