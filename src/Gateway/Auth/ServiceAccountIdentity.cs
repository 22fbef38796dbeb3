namespace GitOps.Gateway.Auth;

/// <summary>The ServiceAccount a token is bound to: what the token's <c>kubernetes.io</c> claim names.</summary>
public sealed record ServiceAccountIdentity(string Namespace, string Name, string Uid)
{
    public const string UserPrefix = "system:serviceaccount:";
    public const string AllGroup = "system:serviceaccounts";

    public string UserName => $"{UserPrefix}{Namespace}:{Name}";

    /// <summary>The user Kubernetes makes of a ServiceAccount token: system:serviceaccount:NS:NAME in system:serviceaccounts and system:serviceaccounts:NS.</summary>
    public UserInfo ToUser() => new(UserName, Uid, [AllGroup, $"{AllGroup}:{Namespace}", UserInfo.AuthenticatedGroup]);
}
