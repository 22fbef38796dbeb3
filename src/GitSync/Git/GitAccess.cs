namespace GitOps.GitSync.Git;

/// <summary>What a git process needs to reach one source's remote: its credentials and how ssh checks host keys.</summary>
public sealed record GitAccess(GitCredentials Credentials, SshHostKeys HostKeys);
