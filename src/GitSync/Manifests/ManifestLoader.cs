using System.Text;
using GitOps.GitSync.Git;
using GitOps.GitSync.Planning;
using GitOps.Model.Manifests;
using GitOps.Model.Objects;

namespace GitOps.GitSync.Manifests;

/// <summary>
/// Reads every <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> file under a source's paths at a commit
/// and parses and validates it with the Model's reader. A file with any error is a failed file:
/// its errors are kept with their lines, and none of its objects is used.
/// </summary>
public sealed class ManifestLoader
{
    /// <summary>Kinds that live outside namespaces; every other kind without a namespace goes to "default", as kubectl does.</summary>
    private static readonly HashSet<string> ClusterScopedKinds = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding",
        "CustomResourceDefinition", "PriorityClass", "IngressClass", "APIService", "MutatingWebhookConfiguration",
        "ValidatingWebhookConfiguration", "CSIDriver", "RuntimeClass",
    };

    public const string DefaultNamespace = "default";

    public static bool IsManifest(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public async Task<GitResult<LoadedManifests>> LoadAsync(
        GitMirror mirror, string commit, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var files = await mirror.ReadFilesAsync(commit, paths, IsManifest, cancellationToken);
        if (!files.Succeeded)
            return GitResult<LoadedManifests>.Failed(files.Failure!);
        return GitResult<LoadedManifests>.Ok(Parse(commit, paths, files.Value!));
    }

    public static LoadedManifests Parse(string commit, IReadOnlyList<string> paths, IReadOnlyList<ManifestFile> files)
    {
        var results = new ManifestReadResult[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            results[i] = ManifestReader.Read(Encoding.UTF8.GetString(files[i].Content.Span), files[i].Path));

        var objects = new List<LocatedObject>();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<SyncError>();
        for (var i = 0; i < files.Count; i++)
        {
            var result = results[i];
            if (result.HasErrors)
            {
                failed.Add(files[i].Path);
                errors.AddRange(result.Errors.Select(e => new SyncError(e.File, e.Line, e.Message)));
                continue;
            }
            foreach (var document in result.Documents)
            {
                if (string.IsNullOrEmpty(document.Object.Metadata.Namespace) && !ClusterScopedKinds.Contains(document.Object.Kind))
                    document.Object.Metadata.Namespace = DefaultNamespace;
                objects.Add(new LocatedObject(ResourceKey.Of(document.Object), document.Object, document.File, document.Line));
            }
        }
        return new LoadedManifests(commit, paths, files.Count, objects, failed, errors);
    }
}
