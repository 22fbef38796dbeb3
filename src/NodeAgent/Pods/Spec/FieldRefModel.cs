namespace GitOps.NodeAgent.Pods.Spec;

/// <summary>A field of the pod itself (the downward API): metadata.name, status.podIP, ...</summary>
public sealed record FieldRefModel
{
    public string FieldPath { get; init; } = "";
}
