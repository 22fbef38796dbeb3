using GitOps.Model.Objects;

namespace GitOps.NodeAgent.Pods;

/// <summary>Identifies a pod the agent runs: namespace, name, uid and the node it is bound to.</summary>
public sealed record PodRef(string Namespace, string Name, string Uid, string NodeName)
{
    public static PodRef Of(KubeObject pod) => new(
        pod.Metadata.Namespace ?? "default",
        pod.Metadata.Name ?? "",
        pod.Metadata.Uid ?? $"{pod.Metadata.Namespace}/{pod.Metadata.Name}",
        pod.Spec?["nodeName"]?.GetValue<string>() ?? "");

    public string Key => $"{Namespace}/{Name}";

    public override string ToString() => Key;
}
