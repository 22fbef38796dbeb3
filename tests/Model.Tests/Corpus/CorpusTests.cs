using System.Text.Json.Nodes;
using GitOps.Model.Manifests;
using GitOps.Model.Objects;
using GitOps.Model.Yaml;

namespace GitOps.Model.Tests.Corpus;

public sealed class CorpusTests
{
    private static readonly Lazy<IReadOnlyList<(string File, ManifestReadResult Result)>> Corpus = new(ReadAll);

    private static IReadOnlyList<(string File, ManifestReadResult Result)> ReadAll()
    {
        var root = CorpusLocator.Find();
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetRelativePath(root, path), ManifestReader.Read(File.ReadAllText(path), Path.GetRelativePath(root, path))))
            .ToArray();
    }

    private static IEnumerable<ManifestDocument> ValidDocuments =>
        Corpus.Value.Where(f => IsManifest(f.File)).SelectMany(f => f.Result.Documents);

    private static bool IsManifest(string file) =>
        file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
        || file.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void Every_manifest_file_yields_documents_or_located_errors()
    {
        var manifests = Corpus.Value.Where(f => IsManifest(f.File)).ToArray();
        Assert.True(manifests.Length > 200, $"expected the whole corpus, found {manifests.Length} manifest files");
        foreach (var (file, result) in manifests)
        {
            if (result.Documents.Count == 0 && result.Errors.Count == 0)
                Assert.True(OnlyComments(file), $"{file} has content but gave neither documents nor errors");
            Assert.All(result.Errors, e =>
            {
                Assert.Equal(file, e.File);
                Assert.True(e.Line >= 1 && e.Column >= 1, e.ToString());
            });
        }
    }

    // Files that hold only comments and blank lines are empty documents, skipped silently.
    private static bool OnlyComments(string file) =>
        File.ReadAllLines(Path.Combine(CorpusLocator.Find(), file))
            .All(line => line.TrimStart().Length == 0 || line.TrimStart().StartsWith('#') || line.Trim() is "---" or "...");

    [Fact]
    public void Roughly_280_valid_documents_are_read()
    {
        var count = ValidDocuments.Count();
        Assert.InRange(count, 270, 290);
    }

    [Fact]
    public void Valid_documents_round_trip_through_json()
    {
        foreach (var document in ValidDocuments)
        {
            var back = KubeObject.FromJson(document.Object.ToJson());
            Assert.True(JsonNode.DeepEquals(document.Object.Root, back.Root), $"{document.Location} changed through JSON");
        }
    }

    [Fact]
    public void Valid_documents_round_trip_through_the_yaml_writer()
    {
        foreach (var document in ValidDocuments)
        {
            var yaml = KubeObjectYaml.Write(document.Object);
            var reread = ManifestReader.Read(yaml, document.File + ".yaml");
            Assert.True(reread.Errors.Count == 0, $"{document.Location}: {string.Join("; ", reread.Errors)}\n{yaml}");
            var back = Assert.Single(reread.Documents).Object;
            Assert.True(JsonNode.DeepEquals(document.Object.Root, back.Root), $"{document.Location} changed through YAML:\n{yaml}");
        }
    }

    [Fact]
    public void Unknown_kinds_are_kept()
    {
        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "Pod", "Deployment", "ReplicaSet", "Node", "Service", "Endpoints", "Namespace", "ConfigMap", "Secret", "Event", "Lease",
        };
        Assert.Contains(ValidDocuments, d => !known.Contains(d.Object.Kind));
    }

    [Fact]
    public void Non_manifest_files_do_not_throw()
    {
        foreach (var (file, result) in Corpus.Value.Where(f => !IsManifest(f.File)))
            Assert.NotNull(result);
    }
}
