using System.Text.Json.Nodes;

namespace GitOps.Gateway.Tests.Authorization;

/// <summary>RBAC objects as kubectl would send them.</summary>
public static class Rbac
{
    public static JsonObject Rule(string[] verbs, string[] groups, string[] resources, string[]? names = null)
    {
        var rule = new JsonObject { ["verbs"] = Strings(verbs), ["apiGroups"] = Strings(groups), ["resources"] = Strings(resources) };
        if (names is not null)
            rule["resourceNames"] = Strings(names);
        return rule;
    }

    public static JsonObject User(string name) => new() { ["kind"] = "User", ["apiGroup"] = "rbac.authorization.k8s.io", ["name"] = name };

    public static JsonObject Group(string name) => new() { ["kind"] = "Group", ["apiGroup"] = "rbac.authorization.k8s.io", ["name"] = name };

    public static JsonObject ServiceAccount(string ns, string name) => new() { ["kind"] = "ServiceAccount", ["namespace"] = ns, ["name"] = name };

    public static JsonObject Role(string? ns, string name, JsonObject[] rules) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = ns is null ? "ClusterRole" : "Role",
        ["metadata"] = Metadata(ns, name),
        ["rules"] = new JsonArray(rules.Select(r => (JsonNode?)r).ToArray()),
    };

    public static JsonObject Binding(string? ns, string name, string roleKind, string role, JsonObject[] subjects) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = ns is null ? "ClusterRoleBinding" : "RoleBinding",
        ["metadata"] = Metadata(ns, name),
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = roleKind, ["name"] = role },
        ["subjects"] = new JsonArray(subjects.Select(s => (JsonNode?)s).ToArray()),
    };

    private static JsonObject Metadata(string? ns, string name) =>
        ns is null ? new JsonObject { ["name"] = name } : new JsonObject { ["name"] = name, ["namespace"] = ns };

    private static JsonArray Strings(string[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
