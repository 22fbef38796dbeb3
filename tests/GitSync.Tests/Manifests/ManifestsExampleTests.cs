using GitOps.GitSync.Git;
using GitOps.GitSync.Manifests;
using GitOps.GitSync.Planning;

namespace GitOps.GitSync.Tests.Manifests;

public sealed class ManifestsExampleTests
{
    [Fact]
    public void The_example_repository_loads_without_errors_in_dependency_order()
    {
        var root = FindExample();
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(ManifestLoader.IsManifest)
            .Select(f => new ManifestFile(Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes(f)))
            .ToList();

        var loaded = ManifestLoader.Parse("example", [], files);

        Assert.Empty(loaded.Errors);
        Assert.Equal(2, loaded.Objects.Count(o => o.Key.Kind == "Namespace"));
        Assert.Equal(3, loaded.Objects.Count(o => o.Key.Kind == "Deployment"));
        var plan = SyncPlanner.Plan(new PlanInput(loaded.Objects, new HashSet<string>(), [], new Dictionary<string, InventoryEntry>(), true, new HashSet<string>()));
        Assert.Equal(["Namespace", "ConfigMap,Secret", "Service", "Deployment"],
            plan.Steps.Select(s => string.Join(",", s.Select(a => a.Key.Kind).Distinct().Order())));
    }

    private static string FindExample()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "manifests-example");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("manifests-example was not found above the test's directory.");
    }
}
