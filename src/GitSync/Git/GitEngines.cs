namespace GitOps.GitSync.Git;

/// <summary>
/// Which engine runs each operation of a <see cref="GitMirror"/>: the one place that decides.
/// <see cref="Measured"/> is what GitSync uses, chosen by the side-by-side benchmark
/// (<c>dotnet run -c Release --project bench -- gitengines</c>; figures in docs/benchmarks.md, reasons
/// in docs/gitsync.md); <see cref="CliOnly"/> and <see cref="LibGit2Only"/> are the two sides it compares.
/// </summary>
public sealed record GitEngines(
    GitEngine LocalClone,
    GitEngine LocalFetch,
    GitEngine HttpClone,
    GitEngine HttpFetch,
    GitEngine SshFetch,
    GitEngine ResolveHead,
    GitEngine ReadCommit,
    GitEngine ListTree,
    GitEngine FindPaths,
    GitEngine ReadBlobs)
{
    public static GitEngines CliOnly { get; } = new(
        GitEngine.Cli, GitEngine.Cli, GitEngine.Cli, GitEngine.Cli, GitEngine.Cli, GitEngine.Cli, GitEngine.Cli, GitEngine.Cli, GitEngine.Cli,
        GitEngine.Cli);

    public static GitEngines LibGit2Only { get; } = new(
        GitEngine.LibGit2, GitEngine.LibGit2, GitEngine.LibGit2, GitEngine.LibGit2, GitEngine.LibGit2, GitEngine.LibGit2, GitEngine.LibGit2,
        GitEngine.LibGit2, GitEngine.LibGit2, GitEngine.LibGit2);

    /// <summary>
    /// GitSync's choice: libgit2 where it measured faster or equal and passes every GitSync test;
    /// the CLI for a first fetch from a local repository (libgit2 packs a long history in process,
    /// 2.8× slower) or over HTTP (1.15× slower on 10,000 objects), for SSH (not faster, and libgit2
    /// runs ssh without capturing its messages, so a host key or authentication failure would lose
    /// ssh's text) and for reading the blobs (libgit2 inflates a blob on each lookup; 1.6× slower
    /// for 1,000 files). git:// is not measured and stays on the CLI.
    /// </summary>
    public static GitEngines Measured { get; } = new(
        LocalClone: GitEngine.Cli,
        LocalFetch: GitEngine.LibGit2,
        HttpClone: GitEngine.Cli,
        HttpFetch: GitEngine.LibGit2,
        SshFetch: GitEngine.Cli,
        ResolveHead: GitEngine.LibGit2,
        ReadCommit: GitEngine.LibGit2,
        ListTree: GitEngine.LibGit2,
        FindPaths: GitEngine.LibGit2,
        ReadBlobs: GitEngine.Cli);

    /// <summary>The engine that fetches from <paramref name="url"/>, by its transport and whether the mirror holds a fetched commit yet.</summary>
    public GitEngine FetchFrom(string url, bool firstFetch) => RepositoryUrl.TransportOf(url) switch
    {
        GitTransport.Http => firstFetch ? HttpClone : HttpFetch,
        GitTransport.Ssh => SshFetch,
        GitTransport.Git => GitEngine.Cli,
        _ => firstFetch ? LocalClone : LocalFetch,
    };
}
