namespace GitOps.GitSync.Git;

/// <summary>
/// Which engine runs each operation of a <see cref="GitMirror"/>: the one place that decides.
/// <see cref="Measured"/> is what GitSync uses, chosen by the side-by-side benchmark
/// (<c>dotnet run -c Release --project bench -- gitengines</c>, figures in docs/benchmarks.md and the
/// reasons in docs/gitsync.md); <see cref="CliOnly"/> and <see cref="LibGit2Only"/> are the two
/// sides the benchmark compares.
/// </summary>
public sealed record GitEngines(
    GitEngine LocalFetch,
    GitEngine HttpFetch,
    GitEngine SshFetch,
    GitEngine ResolveHead,
    GitEngine ReadCommit,
    GitEngine ListTree,
    GitEngine FindPaths,
    GitEngine ReadBlobs)
{
    public static GitEngines CliOnly { get; } = new(
        GitEngine.Cli, GitEngine.Cli, GitEngine.Cli, GitEngine.Cli, GitEngine.Cli, GitEngine.Cli, GitEngine.Cli, GitEngine.Cli);

    public static GitEngines LibGit2Only { get; } = new(
        GitEngine.LibGit2, GitEngine.LibGit2, GitEngine.LibGit2, GitEngine.LibGit2, GitEngine.LibGit2, GitEngine.LibGit2, GitEngine.LibGit2, GitEngine.LibGit2);

    /// <summary>GitSync's choice per operation (see docs/gitsync.md, "git CLI or LibGit2Sharp").</summary>
    public static GitEngines Measured { get; } = CliOnly;

    /// <summary>The engine that fetches from <paramref name="url"/>, by its transport.</summary>
    public GitEngine FetchFrom(string url) => RepositoryUrl.TransportOf(url) switch
    {
        GitTransport.Http => HttpFetch,
        GitTransport.Ssh => SshFetch,
        _ => LocalFetch,
    };
}
