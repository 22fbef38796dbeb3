namespace GitOps.Gateway.Auth.Nodes;

/// <summary>A node agent's identity, as Kubernetes' kubelets have it: user <c>system:node:NAME</c> in group <c>system:nodes</c>.</summary>
public static class NodeIdentity
{
    public const string UserPrefix = "system:node:";

    public const string NodesGroup = "system:nodes";

    /// <summary>The node a user acts for, or null when the user is not a node.</summary>
    public static string? NodeNameOf(UserInfo user) =>
        user.Name.StartsWith(UserPrefix, StringComparison.Ordinal) && user.Name.Length > UserPrefix.Length && user.IsInGroup(NodesGroup)
            ? user.Name[UserPrefix.Length..]
            : null;
}
