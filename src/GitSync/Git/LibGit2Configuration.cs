using LibGit2Sharp;

namespace GitOps.GitSync.Git;

/// <summary>
/// libgit2 reads the user's and the system's git configuration (url.insteadOf, http.proxy, ...) from search paths of
/// the whole process. They point at an empty directory of this process's own, as git's HOME and GIT_CONFIG_NOSYSTEM
/// isolate the command line, and they are set once, before this process's first libgit2 operation: libgit2 keeps
/// them in global buffers without a lock, so setting them while another thread opened a repository freed memory
/// that thread was reading (a heap corruption that crashed the GitSync tests' host).
/// </summary>
internal static class LibGit2Configuration
{
    private static readonly ConfigurationLevel[] SearchedLevels = [ConfigurationLevel.Global, ConfigurationLevel.Xdg, ConfigurationLevel.System, ConfigurationLevel.ProgramData];
    private static readonly Lazy<string> Isolated = new(Isolate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Makes sure the search paths are set; cheap after the first call.</summary>
    public static void EnsureIsolated() => _ = Isolated.Value;

    private static string Isolate()
    {
        // Created for this process alone (owner-only on Unix), so nobody can put a configuration file in it; removed at exit.
        var empty = Directory.CreateTempSubdirectory("gitops-libgit2-config-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Directory.Exists(empty))
                Directory.Delete(empty, recursive: true);
        };
        foreach (var level in SearchedLevels)
            GlobalSettings.SetConfigSearchPaths(level, empty);
        return empty;
    }
}
