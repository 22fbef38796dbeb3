namespace GitOps.GitSync.Git;

/// <summary>
/// Credentials for one source, from configuration only. The token is sent as an HTTP header set
/// through git's environment (never on the command line, never logged); the SSH key is passed
/// to ssh through GIT_SSH_COMMAND.
/// </summary>
public sealed record GitCredentials(string? Token = null, string? Username = null, string? SshKeyFile = null)
{
    public const string DefaultUsername = "x-access-token";

    public static GitCredentials None { get; } = new();

    /// <summary>The credentials without their secrets, for display: which kinds are configured.</summary>
    public override string ToString() =>
        $"GitCredentials {{ Token = {(string.IsNullOrEmpty(Token) ? "none" : "***")}, SshKeyFile = {SshKeyFile ?? "none"} }}";
}
