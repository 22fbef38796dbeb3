using GitOps.Model.Validation;
using GitOps.Model.Validation.Specs;
using static GitOps.Model.Registry.KindScope;

namespace GitOps.Model.Registry;

/// <summary>
/// The built-in kinds: the one list of their facts. Adding a built-in kind is one entry here.
/// Each entry overrides only what differs from the defaults of <see cref="KindDefinition"/>
/// (no short names, no subresources, status cleared on create when it has a status subresource,
/// DNS-1123 subdomain names, applied with the other kinds, not listed by the garbage collector, no
/// spec checks).
/// </summary>
internal static class BuiltInKinds
{
    private static readonly string[] All = ["all"];
    private static readonly string[] ApiExtensions = ["api-extensions"];
    private static readonly string[] CreateOnly = ["create"];

    public static IReadOnlyList<KindDefinition> Create() =>
    [
        Core("Namespace", "namespaces", Cluster) with
        {
            ShortNames = ["ns"], Subresources = Subresources.Status, StatusOnCreate = StatusOnCreateRule.StartInPhase("Active"),
            NameRule = NameRule.Dns1123Label, ApplyRank = ApplyRanks.Namespaces,
        },
        Core("Pod", "pods", Namespaced) with
        {
            ShortNames = ["po"], Categories = All, Subresources = Subresources.Status, StatusOnCreate = StatusOnCreateRule.StartInPhase("Pending"),
            ApplyRank = ApplyRanks.Workloads, CollectedWithOwners = true, Spec = CoreSpecRules.Pod,
        },
        // A node's agent registers its capacity with the Node, so create keeps the status.
        Core("Node", "nodes", Cluster) with { ShortNames = ["no"], Subresources = Subresources.Status, StatusOnCreate = StatusOnCreateRule.Keep },
        Core("Service", "services", Namespaced) with
        {
            ShortNames = ["svc"], Categories = All, Subresources = Subresources.Status, NameRule = NameRule.Dns1035Label,
            ApplyRank = ApplyRanks.Services, CollectedWithOwners = true, Spec = CoreSpecRules.Service,
        },
        Core("Endpoints", "endpoints", Namespaced) with { ShortNames = ["ep"], CollectedWithOwners = true },
        Core("ConfigMap", "configmaps", Namespaced) with { ShortNames = ["cm"], ApplyRank = ApplyRanks.Configuration, CollectedWithOwners = true },
        Core("Secret", "secrets", Namespaced) with { ApplyRank = ApplyRanks.Configuration, CollectedWithOwners = true },
        Core("Event", "events", Namespaced) with { ShortNames = ["ev"] },
        Core("ServiceAccount", "serviceaccounts", Namespaced) with { ShortNames = ["sa"], ApplyRank = ApplyRanks.Configuration },
        Core("PersistentVolumeClaim", "persistentvolumeclaims", Namespaced) with
        {
            ShortNames = ["pvc"], Subresources = Subresources.Status, ApplyRank = ApplyRanks.Configuration,
        },
        Core("PersistentVolume", "persistentvolumes", Cluster) with
        {
            ShortNames = ["pv"], Subresources = Subresources.Status, ApplyRank = ApplyRanks.Configuration,
        },
        Core("ReplicationController", "replicationcontrollers", Namespaced) with
        {
            ShortNames = ["rc"], Categories = All, Subresources = Subresources.Status | Subresources.Scale,
        },
        Core("ResourceQuota", "resourcequotas", Namespaced) with
        {
            ShortNames = ["quota"], Subresources = Subresources.Status, ApplyRank = ApplyRanks.Configuration,
        },
        Core("LimitRange", "limitranges", Namespaced) with { ShortNames = ["limits"], ApplyRank = ApplyRanks.Configuration },
        Core("PodTemplate", "podtemplates", Namespaced),
        Of("apps", "Deployment", "deployments", Namespaced) with
        {
            ShortNames = ["deploy"], Categories = All, Subresources = Subresources.Status | Subresources.Scale,
            ApplyRank = ApplyRanks.Workloads, CollectedWithOwners = true, Spec = WorkloadSpecRules.ReplicatedController,
        },
        Of("apps", "ReplicaSet", "replicasets", Namespaced) with
        {
            ShortNames = ["rs"], Categories = All, Subresources = Subresources.Status | Subresources.Scale,
            ApplyRank = ApplyRanks.Workloads, CollectedWithOwners = true, Spec = WorkloadSpecRules.ReplicatedController,
        },
        Of("apps", "DaemonSet", "daemonsets", Namespaced) with
        {
            ShortNames = ["ds"], Categories = All, Subresources = Subresources.Status, ApplyRank = ApplyRanks.Workloads, CollectedWithOwners = true,
            Spec = WorkloadSpecRules.DaemonSet,
        },
        Of("apps", "StatefulSet", "statefulsets", Namespaced) with
        {
            ShortNames = ["sts"], Categories = All, Subresources = Subresources.Status | Subresources.Scale,
            ApplyRank = ApplyRanks.Workloads, CollectedWithOwners = true, Spec = WorkloadSpecRules.ReplicatedController,
        },
        Of("apps", "ControllerRevision", "controllerrevisions", Namespaced),
        Of("batch", "Job", "jobs", Namespaced) with
        {
            Categories = All, Subresources = Subresources.Status, ApplyRank = ApplyRanks.Workloads, CollectedWithOwners = true,
            Spec = WorkloadSpecRules.Job,
        },
        Of("batch", "CronJob", "cronjobs", Namespaced) with
        {
            ShortNames = ["cj"], Categories = All, Subresources = Subresources.Status, ApplyRank = ApplyRanks.Workloads, CollectedWithOwners = true,
            Spec = WorkloadSpecRules.CronJob,
        },
        Of("autoscaling", "HorizontalPodAutoscaler", "horizontalpodautoscalers", Namespaced, "v2") with
        {
            ShortNames = ["hpa"], Categories = All, Subresources = Subresources.Status,
        },
        Of("coordination.k8s.io", "Lease", "leases", Namespaced),
        Of("discovery.k8s.io", "EndpointSlice", "endpointslices", Namespaced),
        Of("networking.k8s.io", "Ingress", "ingresses", Namespaced) with { ShortNames = ["ing"], Subresources = Subresources.Status },
        Of("networking.k8s.io", "IngressClass", "ingressclasses", Cluster),
        Of("networking.k8s.io", "NetworkPolicy", "networkpolicies", Namespaced) with { ShortNames = ["netpol"], ApplyRank = ApplyRanks.Configuration },
        Of("policy", "PodDisruptionBudget", "poddisruptionbudgets", Namespaced) with { ShortNames = ["pdb"], Subresources = Subresources.Status },
        Of("rbac.authorization.k8s.io", "Role", "roles", Namespaced) with { NameRule = NameRule.PathSegment, ApplyRank = ApplyRanks.Configuration },
        Of("rbac.authorization.k8s.io", "RoleBinding", "rolebindings", Namespaced) with
        {
            NameRule = NameRule.PathSegment, ApplyRank = ApplyRanks.Configuration,
        },
        Of("rbac.authorization.k8s.io", "ClusterRole", "clusterroles", Cluster) with
        {
            NameRule = NameRule.PathSegment, ApplyRank = ApplyRanks.Configuration,
        },
        Of("rbac.authorization.k8s.io", "ClusterRoleBinding", "clusterrolebindings", Cluster) with
        {
            NameRule = NameRule.PathSegment, ApplyRank = ApplyRanks.Configuration,
        },
        Of("authorization.k8s.io", "SelfSubjectAccessReview", "selfsubjectaccessreviews", Cluster) with { Verbs = CreateOnly },
        Of("authorization.k8s.io", "SelfSubjectRulesReview", "selfsubjectrulesreviews", Cluster) with { Verbs = CreateOnly },
        Of("scheduling.k8s.io", "PriorityClass", "priorityclasses", Cluster) with { ShortNames = ["pc"], ApplyRank = ApplyRanks.Configuration },
        Of("storage.k8s.io", "StorageClass", "storageclasses", Cluster) with { ShortNames = ["sc"], ApplyRank = ApplyRanks.Configuration },
        Of("storage.k8s.io", "CSIDriver", "csidrivers", Cluster),
        Of("storage.k8s.io", "CSINode", "csinodes", Cluster),
        Of("storage.k8s.io", "VolumeAttachment", "volumeattachments", Cluster) with { Subresources = Subresources.Status },
        Of("node.k8s.io", "RuntimeClass", "runtimeclasses", Cluster),
        Of("apiextensions.k8s.io", "CustomResourceDefinition", "customresourcedefinitions", Cluster) with
        {
            ShortNames = ["crd", "crds"], Categories = ApiExtensions, Subresources = Subresources.Status, ApplyRank = ApplyRanks.Namespaces,
        },
        Of("apiregistration.k8s.io", "APIService", "apiservices", Cluster) with { Categories = ApiExtensions, Subresources = Subresources.Status },
        Of("admissionregistration.k8s.io", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", Cluster) with { Categories = ApiExtensions },
        Of("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", Cluster) with { Categories = ApiExtensions },
        Of("certificates.k8s.io", "CertificateSigningRequest", "certificatesigningrequests", Cluster) with
        {
            ShortNames = ["csr"], Subresources = Subresources.Status,
        },
    ];

    private static KindDefinition Core(string kind, string plural, KindScope scope) => Of("", kind, plural, scope);

    private static KindDefinition Of(string group, string kind, string plural, KindScope scope, string version = "v1") =>
        new(group, version, kind, plural, scope);
}
