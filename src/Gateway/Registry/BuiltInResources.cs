namespace GitOps.Gateway.Registry;

/// <summary>The kinds served from start-up, with the names and short names kubectl users know.</summary>
internal static class BuiltInResources
{
    private static readonly string[] All = ["all"];

    public static IReadOnlyList<ApiResource> Create() =>
    [
        Core("Namespace", "namespaces", false, ["ns"], status: true),
        Core("Pod", "pods", true, ["po"], All, status: true),
        Core("Node", "nodes", false, ["no"], status: true),
        Core("Service", "services", true, ["svc"], All, status: true),
        Core("Endpoints", "endpoints", true, ["ep"]),
        Core("ConfigMap", "configmaps", true, ["cm"]),
        Core("Secret", "secrets", true, []),
        Core("Event", "events", true, ["ev"]),
        Core("ServiceAccount", "serviceaccounts", true, ["sa"]),
        Core("PersistentVolumeClaim", "persistentvolumeclaims", true, ["pvc"], status: true),
        Core("PersistentVolume", "persistentvolumes", false, ["pv"], status: true),
        Core("ReplicationController", "replicationcontrollers", true, ["rc"], All, status: true),
        Core("ResourceQuota", "resourcequotas", true, ["quota"], status: true),
        Core("LimitRange", "limitranges", true, ["limits"]),
        Of("apps", "v1", "Deployment", "deployments", true, ["deploy"], All, status: true),
        Of("apps", "v1", "ReplicaSet", "replicasets", true, ["rs"], All, status: true),
        Of("apps", "v1", "DaemonSet", "daemonsets", true, ["ds"], All, status: true),
        Of("apps", "v1", "StatefulSet", "statefulsets", true, ["sts"], All, status: true),
        Of("apps", "v1", "ControllerRevision", "controllerrevisions", true, []),
        Of("batch", "v1", "Job", "jobs", true, [], All, status: true),
        Of("batch", "v1", "CronJob", "cronjobs", true, ["cj"], All, status: true),
        Of("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, ["hpa"], All, status: true),
        Of("coordination.k8s.io", "v1", "Lease", "leases", true, []),
        Of("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, []),
        Of("networking.k8s.io", "v1", "Ingress", "ingresses", true, ["ing"], status: true),
        Of("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false, []),
        Of("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, ["netpol"]),
        Of("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, ["pdb"], status: true),
        Of("rbac.authorization.k8s.io", "v1", "Role", "roles", true, []),
        Of("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, []),
        Of("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, []),
        Of("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, []),
        Of("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, ["pc"]),
        Of("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, ["sc"]),
    ];

    private static ApiResource Core(string kind, string plural, bool namespaced, string[] shortNames, string[]? categories = null, bool status = false) =>
        Of("", "v1", kind, plural, namespaced, shortNames, categories, status);

    private static ApiResource Of(string group, string version, string kind, string plural, bool namespaced, string[] shortNames, string[]? categories = null, bool status = false) =>
        new(group, version, kind, plural, namespaced, shortNames, categories ?? [], status, BuiltIn: true);
}
