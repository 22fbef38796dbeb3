namespace GitOps.NodeAgent.Pods.Spec;

/// <summary>A key of a named config map or secret in the pod's namespace.</summary>
public sealed record KeySelectorModel
{
    public string Name { get; init; } = "";

    public string Key { get; init; } = "";

    public bool? Optional { get; init; }
}
