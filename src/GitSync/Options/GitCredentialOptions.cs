namespace GitOps.GitSync.Options;

/// <summary>One entry of <c>GitOps:Credentials</c>: a token for https, or an SSH private key file for ssh.</summary>
public sealed class GitCredentialOptions
{
    public string? Token { get; set; }

    public string? Username { get; set; }

    public string? SshKeyFile { get; set; }

    public override string ToString() => $"GitCredentialOptions {{ Token = {(string.IsNullOrEmpty(Token) ? "none" : "***")}, SshKeyFile = {SshKeyFile ?? "none"} }}";
}
