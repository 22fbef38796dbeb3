namespace GitOps.GitSync.Git;

/// <summary>
/// What a git process needs to reach one source's remote, and nothing of the user running the silo: its credentials,
/// how ssh checks host keys, the one protocol it may use (<c>GIT_ALLOW_PROTOCOL</c>; null for commands that only read
/// the mirror) and a private HOME, so no user configuration, credential helper or key is read.
/// </summary>
public sealed record GitAccess(GitCredentials Credentials, SshHostKeys HostKeys, string Home, GitProtocol? Protocol = null)
{
    /// <summary>The private HOME's folder name inside the cache directory.</summary>
    public const string HomeFolderName = "git-home";

    public static string HomeIn(string cacheDirectory) => Path.GetFullPath(Path.Combine(cacheDirectory, HomeFolderName));
}
