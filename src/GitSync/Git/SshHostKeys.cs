namespace GitOps.GitSync.Git;

/// <summary>
/// How ssh checks a Git server's host key for one source. Never against the user's
/// <c>~/.ssh/known_hosts</c> (a side effect on the machine, and a key that changed on purpose would
/// then fail there forever): either strictly against the known_hosts file the source's credentials
/// configure (as Argo CD's ssh_known_hosts and Flux's known_hosts), or trust on first use into
/// GitSync's own known_hosts file in the mirror cache directory.
/// </summary>
public sealed record SshHostKeys(string KnownHostsFile, bool Strict, string? Setting)
{
    /// <summary>The trust-on-first-use file's name inside the cache directory.</summary>
    public const string TrustOnFirstUseFileName = "known_hosts";

    public static SshHostKeys For(GitCredentials credentials, string cacheDirectory) =>
        string.IsNullOrWhiteSpace(credentials.KnownHostsFile)
            ? new SshHostKeys(Path.GetFullPath(Path.Combine(cacheDirectory, TrustOnFirstUseFileName)), Strict: false, Setting: null)
            : new SshHostKeys(Path.GetFullPath(credentials.KnownHostsFile), Strict: true,
                Setting: $"GitOps:Credentials:{credentials.Name ?? "<name>"}:KnownHostsFile");
}
