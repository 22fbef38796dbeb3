using GitOps.Model.Tests.Corpus;

namespace GitOps.Model.Tests.Fuzzing;

/// <summary>The seed files of the manifest fuzz tests: every file of the shared Kubernetes examples corpus and of manifests-example.</summary>
internal static class FuzzCorpus
{
    private static readonly Lazy<IReadOnlyList<FuzzFile>> LazyFiles = new(Load);

    public static IReadOnlyList<FuzzFile> Files => LazyFiles.Value;

    private static IReadOnlyList<FuzzFile> Load()
    {
        var corpus = CorpusLocator.Find();
        var example = CorpusLocator.FindManifestsExample();
        return Read(corpus, "corpus/").Concat(Read(example, "manifests-example/")).ToArray();
    }

    private static IEnumerable<FuzzFile> Read(string root, string prefix) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new FuzzFile(prefix + Path.GetRelativePath(root, path).Replace('\\', '/'), File.ReadAllBytes(path)));
}
