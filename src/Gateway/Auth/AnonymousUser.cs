namespace GitOps.Gateway.Auth;

/// <summary>Who a request without a token is under the test-only <see cref="AuthOptions.AllowAnonymous"/> switch.</summary>
public static class AnonymousUser
{
    public const string Name = "system:anonymous";

    /// <summary>In system:masters, so RBAC lets the tests' anonymous calls do anything, as they did before authentication.</summary>
    public static UserInfo Instance { get; } = new(Name, "", [UserInfo.UnauthenticatedGroup, UserInfo.SuperuserGroup]);
}
