namespace GitOps.Model.Tests.Corpus;

/// <summary>
/// Finds the shared corpus by walking up from the test's base directory to a folder holding shared/corpus/kubernetes-examples,
/// and the repository's manifests-example folder the same way.
/// </summary>
internal static class CorpusLocator
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus");
            if (Directory.Exists(Path.Combine(candidate, "kubernetes-examples")))
                return candidate;
        }
        throw new DirectoryNotFoundException(
            $"No shared/corpus/kubernetes-examples above {AppContext.BaseDirectory}; clone the shared folder beside the repository (../shared).");
    }

    public static string FindManifestsExample()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "manifests-example");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException($"No manifests-example folder above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
