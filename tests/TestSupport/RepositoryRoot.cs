namespace GitOps.TestSupport;

/// <summary>The root of this repository: the nearest ancestor of the test's base directory holding GitOps.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "GitOps.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"GitOps.sln was not found above {AppContext.BaseDirectory}.");
    }
}
