using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using GitOps.Model.Objects;

namespace GitOps.Gateway.Auth.Rbac;

/// <summary>
/// A RoleBinding (<see cref="Namespace"/> set) or ClusterRoleBinding (empty namespace), as the authorizer
/// reads it: the role it refers to and the subjects it grants that role to.
/// </summary>
public sealed record RoleBinding(string Name, string Namespace, string RoleKind, string RoleName, IReadOnlyList<Subject> Subjects)
{
    public const string RoleKindName = "Role";

    public const string ClusterRoleKindName = "ClusterRole";

    // Informer objects are shared and never change, so each one is read once.
    private static readonly ConditionalWeakTable<KubeObject, RoleBinding> Parsed = new();

    public bool AppliesTo(UserInfo user) => Subjects.Any(s => s.AppliesTo(user, Namespace));

    /// <summary>The binding an informer object describes.</summary>
    public static RoleBinding Of(KubeObject obj) => Parsed.GetValue(obj, Read);

    public string Describe() => Namespace.Length == 0
        ? $"ClusterRoleBinding \"{Name}\" of ClusterRole \"{RoleName}\""
        : $"RoleBinding \"{Namespace}/{Name}\" of {RoleKind} \"{RoleName}\"";

    private static RoleBinding Read(KubeObject obj)
    {
        var roleRef = obj.Root["roleRef"] as JsonObject;
        var subjects = (obj.Root["subjects"] as JsonArray)?.OfType<JsonObject>().Select(Subject.From).OfType<Subject>().ToArray() ?? [];
        return new RoleBinding(obj.Metadata.Name ?? "", obj.Metadata.Namespace ?? "",
            JsonStrings.Of(roleRef?["kind"]) ?? "", JsonStrings.Of(roleRef?["name"]) ?? "", subjects);
    }
}
