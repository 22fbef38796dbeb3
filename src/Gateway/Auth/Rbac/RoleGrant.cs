namespace GitOps.Gateway.Auth.Rbac;

/// <summary>The rules a binding grants to the user it applies to.</summary>
public sealed record RoleGrant(RoleBinding Binding, IReadOnlyList<PolicyRule> Rules);
