namespace GitOps.Model.Validation;

/// <summary>The name rule of each kind, as the Kubernetes API server applies it. Unknown kinds are treated like custom resources.</summary>
public static class KindNameRules
{
    private static readonly HashSet<string> SubdomainKinds = new(StringComparer.Ordinal)
    {
        "Pod", "PodTemplate", "ReplicationController", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ControllerRevision",
        "Job", "CronJob", "ConfigMap", "Secret", "ServiceAccount", "PersistentVolume", "PersistentVolumeClaim", "Node",
        "Endpoints", "EndpointSlice", "Event", "Lease", "Ingress", "IngressClass", "NetworkPolicy", "HorizontalPodAutoscaler",
        "PodDisruptionBudget", "StorageClass", "LimitRange", "ResourceQuota", "PriorityClass", "CustomResourceDefinition",
        "CSIDriver", "CSINode", "VolumeAttachment", "RuntimeClass", "APIService", "ValidatingWebhookConfiguration",
        "MutatingWebhookConfiguration", "CertificateSigningRequest",
    };

    private static readonly HashSet<string> PathSegmentKinds = new(StringComparer.Ordinal)
    {
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding",
    };

    public static NameRule For(string kind) => kind switch
    {
        "Namespace" => NameRule.Dns1123Label,
        "Service" => NameRule.Dns1035Label,
        _ when PathSegmentKinds.Contains(kind) => NameRule.PathSegment,
        _ when SubdomainKinds.Contains(kind) => NameRule.Dns1123Subdomain,
        _ => NameRule.PathSegment,
    };

    public static IReadOnlyList<string> Check(NameRule rule, string name) => rule switch
    {
        NameRule.Dns1123Label => NameValidation.Dns1123Label(name),
        NameRule.Dns1035Label => NameValidation.Dns1035Label(name),
        NameRule.PathSegment => NameValidation.PathSegmentName(name),
        _ => NameValidation.Dns1123Subdomain(name),
    };
}
