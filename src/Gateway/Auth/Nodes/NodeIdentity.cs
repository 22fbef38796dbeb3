namespace GitOps.Gateway.Auth.Nodes;

/// <summary>Which node a user acts for: a <see cref="NodeUser"/> (<c>system:node:NAME</c> in group <c>system:nodes</c>).</summary>
public static class NodeIdentity
{
    /// <summary>The node a user acts for, or null when the user is not a node.</summary>
    public static string? NodeNameOf(UserInfo user) =>
        user.Name.StartsWith(NodeUser.Prefix, StringComparison.Ordinal) && user.Name.Length > NodeUser.Prefix.Length && user.IsInGroup(NodeUser.Group)
            ? user.Name[NodeUser.Prefix.Length..]
            : null;
}
