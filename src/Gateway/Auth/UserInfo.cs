namespace GitOps.Gateway.Auth;

/// <summary>
/// Who is calling, as an authenticator established it: the user name RBAC subjects of kind User
/// match, the uid the identity is bound to, and the groups subjects of kind Group match. Stored on
/// the request as a feature (<c>HttpContext.Features.Get&lt;UserInfo&gt;()</c>) once authenticated.
/// </summary>
public sealed record UserInfo(string Name, string Uid, IReadOnlyList<string> Groups)
{
    /// <summary>The group whose members may do anything, as in Kubernetes.</summary>
    public const string SuperuserGroup = "system:masters";

    public const string AuthenticatedGroup = "system:authenticated";

    public const string UnauthenticatedGroup = "system:unauthenticated";

    public bool IsInGroup(string group) => Groups.Contains(group, StringComparer.Ordinal);
}
