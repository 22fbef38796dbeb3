using System.Text.Json.Nodes;

namespace GitOps.Gateway.Auth.Rbac;

/// <summary>Who a binding grants its role to: a User, a Group or a ServiceAccount (which, in a RoleBinding, defaults to the binding's namespace).</summary>
public sealed record Subject(string Kind, string Name, string Namespace = "")
{
    public const string UserKind = "User";

    public const string GroupKind = "Group";

    public const string ServiceAccountKind = "ServiceAccount";

    /// <summary>The user name a ServiceAccount authenticates as.</summary>
    public static string ServiceAccountUser(string @namespace, string name) => $"system:serviceaccount:{@namespace}:{name}";

    public static Subject? From(JsonObject subject) =>
        JsonStrings.Of(subject["kind"]) is { } kind && JsonStrings.Of(subject["name"]) is { } name
            ? new Subject(kind, name, JsonStrings.Of(subject["namespace"]) ?? "")
            : null;

    public bool AppliesTo(UserInfo user, string bindingNamespace) => Kind switch
    {
        UserKind => string.Equals(Name, user.Name, StringComparison.Ordinal),
        GroupKind => user.IsInGroup(Name),
        ServiceAccountKind => string.Equals(ServiceAccountUser(Namespace.Length > 0 ? Namespace : bindingNamespace, Name), user.Name, StringComparison.Ordinal),
        _ => false,
    };

    public override string ToString() => Kind == ServiceAccountKind ? $"ServiceAccount \"{Namespace}/{Name}\"" : $"{Kind} \"{Name}\"";
}
