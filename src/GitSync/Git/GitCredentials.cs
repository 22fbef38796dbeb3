namespace GitOps.GitSync.Git;

/// <summary>
/// Credentials for one source, from configuration only (<c>GitOps:Credentials:&lt;Name&gt;</c>). The token
/// is sent as an HTTP header set through git's environment (never on the command line, never logged);
/// the SSH key is passed to ssh through GIT_SSH_COMMAND; <see cref="KnownHostsFile"/>, when set, is the
/// known_hosts file the SSH server's key is checked against strictly (see <see cref="SshHostKeys"/>).
/// </summary>
public sealed record GitCredentials(
    string? Token = null, string? Username = null, string? SshKeyFile = null, string? KnownHostsFile = null, string? Name = null)
{
    public const string DefaultUsername = "x-access-token";

    public static GitCredentials None { get; } = new();

    /// <summary>The credentials without their secrets, for display: which kinds are configured.</summary>
    public override string ToString() =>
        $"GitCredentials {{ Name = {Name ?? "none"}, Token = {(string.IsNullOrEmpty(Token) ? "none" : "***")}, " +
        $"SshKeyFile = {SshKeyFile ?? "none"}, KnownHostsFile = {KnownHostsFile ?? "none"} }}";
}
