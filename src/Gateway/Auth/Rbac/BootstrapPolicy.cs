using GitOps.Gateway.Auth.Requests;
using static GitOps.Gateway.Auth.Rbac.PolicyRule;

namespace GitOps.Gateway.Auth.Rbac;

/// <summary>
/// The roles and bindings every cluster has, as kube-apiserver's bootstrap policy: built in (not stored),
/// so a fresh or restored cluster is usable at once and no silo races another to create them. A stored
/// ClusterRole of the same name takes the built-in one's place (to narrow or widen it); a built-in binding
/// cannot be removed. Roles: cluster-admin (everything), admin, edit and view (for RoleBindings in a
/// namespace or ClusterRoleBindings), system:discovery, system:basic-user, system:public-info-viewer,
/// system:monitoring and gitops:public-pages. Bindings: system:masters → cluster-admin; every authenticated
/// user → discovery and basic-user (access reviews about themselves); everyone → public-info-viewer and the
/// public pages (health, version, dashboard and Swagger pages, the webhook, which checks its own secret);
/// group system:monitoring → system:monitoring (/metrics).
/// </summary>
public static class BootstrapPolicy
{
    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["create", "delete", "deletecollection", "patch", "update"];
    private static readonly string[] Core = [""];

    public static IReadOnlyDictionary<string, IReadOnlyList<PolicyRule>> ClusterRoles { get; } = CreateRoles();

    public static IReadOnlyList<RoleBinding> ClusterRoleBindings { get; } =
    [
        Bind("cluster-admin", "cluster-admin", UserInfo.SuperuserGroup),
        Bind("system:discovery", "system:discovery", UserInfo.AuthenticatedGroup),
        Bind("system:basic-user", "system:basic-user", UserInfo.AuthenticatedGroup),
        Bind("system:public-info-viewer", "system:public-info-viewer", UserInfo.AuthenticatedGroup, UserInfo.UnauthenticatedGroup),
        Bind("gitops:public-pages", "gitops:public-pages", UserInfo.AuthenticatedGroup, UserInfo.UnauthenticatedGroup),
        Bind("system:monitoring", "system:monitoring", "system:monitoring"),
    ];

    private static Dictionary<string, IReadOnlyList<PolicyRule>> CreateRoles()
    {
        PolicyRule[] view =
        [
            ForResources(Core, ["pods", "pods/log", "pods/status", "services", "services/status", "endpoints", "persistentvolumeclaims",
                "persistentvolumeclaims/status", "configmaps", "serviceaccounts", "replicationcontrollers", "replicationcontrollers/scale",
                "replicationcontrollers/status", "limitranges", "resourcequotas", "resourcequotas/status", "events", "namespaces",
                "namespaces/status", "podtemplates"], Read),
            ForResources(["apps"], ["deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale",
                "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status", "daemonsets", "daemonsets/status",
                "controllerrevisions"], Read),
            ForResources(["batch"], ["jobs", "jobs/status", "cronjobs", "cronjobs/status"], Read),
            ForResources(["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"], Read),
            ForResources(["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"], Read),
            ForResources(["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"], Read),
            ForResources(["discovery.k8s.io"], ["endpointslices"], Read),
            ForResources(["coordination.k8s.io"], ["leases"], Read),
            ForResources([GitOpsApiAttributes.Group], ["sources", "sources/history", "sources/diff", "status"], Read),
        ];
        PolicyRule[] edit =
        [
            .. view,
            ForResources(Core, ["pods", "services", "endpoints", "persistentvolumeclaims", "configmaps", "secrets", "serviceaccounts",
                "replicationcontrollers", "replicationcontrollers/scale", "events", "podtemplates"], Write),
            ForResources(Core, ["secrets"], Read),
            ForResources(Core, ["serviceaccounts/token"], "create"),
            ForResources(["apps"], ["deployments", "deployments/scale", "replicasets", "replicasets/scale", "statefulsets",
                "statefulsets/scale", "daemonsets"], Write),
            ForResources(["batch"], ["jobs", "cronjobs"], Write),
            ForResources(["autoscaling"], ["horizontalpodautoscalers"], Write),
            ForResources(["policy"], ["poddisruptionbudgets"], Write),
            ForResources(["networking.k8s.io"], ["ingresses", "networkpolicies"], Write),
            ForResources(["discovery.k8s.io"], ["endpointslices"], Write),
            ForResources(["coordination.k8s.io"], ["leases"], Write),
            ForResources([GitOpsApiAttributes.Group], ["sources/sync"], "create"),
        ];
        PolicyRule[] admin =
        [
            .. edit,
            ForResources(["rbac.authorization.k8s.io"], ["roles", "rolebindings"], [.. Read, .. Write]),
            ForResources(["authorization.k8s.io"], ["localsubjectaccessreviews"], "create"),
        ];
        return new Dictionary<string, IReadOnlyList<PolicyRule>>(StringComparer.Ordinal)
        {
            ["cluster-admin"] = [ForResources([RuleMatcher.All], [RuleMatcher.All], RuleMatcher.All), ForUrls([RuleMatcher.All], RuleMatcher.All)],
            ["admin"] = admin,
            ["edit"] = edit,
            ["view"] = view,
            ["system:discovery"] = [ForUrls(["/api", "/api/*", "/apis", "/apis/*", "/openapi", "/openapi/*", "/version", "/version/"], "get")],
            ["system:basic-user"] =
            [
                ForResources(["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], "create"),
                ForResources(["authentication.k8s.io"], ["selfsubjectreviews"], "create"),
            ],
            ["system:public-info-viewer"] = [ForUrls(["/healthz", "/livez", "/readyz", "/version", "/version/"], "get")],
            ["system:monitoring"] = [ForUrls(["/metrics", "/healthz", "/healthz/*", "/livez", "/livez/*", "/readyz", "/readyz/*"], "get")],
            ["gitops:public-pages"] =
            [
                ForUrls(["/", "/dashboard", "/swagger", "/swagger/*"], "get"),
                ForResources([GitOpsApiAttributes.Group], ["webhook"], "create"),
            ],
        };
    }

    private static RoleBinding Bind(string name, string clusterRole, params string[] groups) =>
        new(name, "", RoleBinding.ClusterRoleKindName, clusterRole, groups.Select(g => new Subject(Subject.GroupKind, g)).ToArray());
}
