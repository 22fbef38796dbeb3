namespace GitOps.Gateway.Auth;

/// <summary>
/// What a token authenticator made of a bearer token: the user it proves, a reason it is refused (expired, bad
/// signature, its ServiceAccount is gone), or neither when the token is not of the kind this authenticator reads.
/// </summary>
public sealed record TokenAuthentication(UserInfo? User, string? Failure)
{
    public static TokenAuthentication NotRecognized { get; } = new(null, null);

    public static TokenAuthentication Success(UserInfo user) => new(user, null);

    public static TokenAuthentication Failed(string reason) => new(null, reason);
}
