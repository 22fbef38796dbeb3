namespace GitOps.GitSync.Options;

/// <summary>One entry of <c>GitOps:Credentials</c>: a token for https, or an SSH private key file (and optionally a known_hosts file) for ssh.</summary>
public sealed class GitCredentialOptions
{
    public string? Token { get; set; }

    public string? Username { get; set; }

    public string? SshKeyFile { get; set; }

    /// <summary>
    /// A known_hosts file the SSH server's host key is checked against strictly. Unset: a host seen
    /// for the first time is trusted and recorded in GitSync's own known_hosts in the cache directory.
    /// </summary>
    public string? KnownHostsFile { get; set; }

    /// <summary>
    /// The URLs this credential may be sent to: a source's URL must lie under one of them (same scheme, host and port,
    /// and the prefix's path segments first), e.g. <c>https://github.com/acme/</c> or <c>ssh://git@github.com/acme/</c>.
    /// A source added through the API may use the credential only then; a credential without prefixes is for
    /// configured sources only.
    /// </summary>
    public List<string> UrlPrefixes { get; set; } = [];

    public override string ToString() => $"GitCredentialOptions {{ Token = {(string.IsNullOrEmpty(Token) ? "none" : "***")}, SshKeyFile = {SshKeyFile ?? "none"}, KnownHostsFile = {KnownHostsFile ?? "none"}, UrlPrefixes = [{string.Join(", ", UrlPrefixes)}] }}";
}
