namespace GitOps.Model.Kinds;

public static class WellKnownLabels
{
    public const string Hostname = "kubernetes.io/hostname";
    public const string Os = "kubernetes.io/os";
    public const string Arch = "kubernetes.io/arch";
    public const string Zone = "topology.kubernetes.io/zone";
    public const string Region = "topology.kubernetes.io/region";

    /// <summary>Label the Deployment controller puts on ReplicaSets and Pods: the hash of the pod template.</summary>
    public const string PodTemplateHash = "pod-template-hash";
}
