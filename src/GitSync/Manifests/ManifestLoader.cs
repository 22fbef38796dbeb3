using System.Text;
using System.Globalization;
using GitOps.GitSync.Git;
using GitOps.GitSync.Options;
using GitOps.GitSync.Planning;
using GitOps.Model.Manifests;
using GitOps.Model.Objects;
using GitOps.Model.Registry;
using Microsoft.Extensions.Options;

namespace GitOps.GitSync.Manifests;

/// <summary>
/// Reads every <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> file under a source's paths at a commit
/// and parses and validates it with the Model's reader. A file with any error is a failed file:
/// its errors are kept with their lines, and none of its objects is used. The source limits apply as early as
/// they can: the number of files and each file's size from the tree listing, before any blob is read; the number of
/// objects once the files are parsed, before anything is applied.
/// </summary>
public sealed class ManifestLoader(IOptions<GitOpsOptions> options)
{
    /// <summary>Where objects of a namespaced kind (by the kind registry; unknown kinds too) without a namespace go, as kubectl does.</summary>
    public const string DefaultNamespace = "default";

    public static bool IsManifest(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the commit's manifests; files whose path and blob are in <paramref name="previous"/>
    /// are neither read from git nor parsed again.
    /// </summary>
    public async Task<GitResult<LoadedManifests>> LoadAsync(
        GitMirror mirror, string commit, IReadOnlyList<string> paths, LoadedManifests? previous, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var listed = await mirror.ListFilesAsync(commit, paths, IsManifest, cancellationToken);
        if (!listed.Succeeded)
            return GitResult<LoadedManifests>.Failed(listed.Failure!);
        if (listed.Value!.Count > limits.MaxFilesPerSource)
            return OverLimit(commit, paths, $"{listed.Value.Count:N0} manifest files", nameof(GitOpsOptions.MaxFilesPerSource), limits.MaxFilesPerSource,
                "Nothing was read");
        var known = previous?.Files ?? new Dictionary<TreeFile, ParsedFile>();
        var files = new Dictionary<TreeFile, ParsedFile>(listed.Value.Count);
        foreach (var file in listed.Value.Where(f => f.Size > limits.MaxFileBytes))
            files[file] = TooLarge(file, limits.MaxFileBytes);
        var missing = listed.Value.Where(f => !known.ContainsKey(f) && !files.ContainsKey(f)).ToList();
        var read = await mirror.ReadBlobsAsync(missing, cancellationToken);
        if (!read.Succeeded)
            return GitResult<LoadedManifests>.Failed(read.Failure!);
        var parsed = ParseFiles(read.Value!);
        for (var i = 0; i < missing.Count; i++)
            files[missing[i]] = parsed[i];
        foreach (var file in listed.Value)
        {
            if (!files.ContainsKey(file))
                files[file] = known[file];
        }
        var loaded = Combine(commit, paths, listed.Value, files);
        if (loaded.Objects.Count > limits.MaxObjectsPerSource)
            return OverLimit(commit, paths, $"{loaded.Objects.Count:N0} objects", nameof(GitOpsOptions.MaxObjectsPerSource), limits.MaxObjectsPerSource,
                "Nothing was applied");
        return GitResult<LoadedManifests>.Ok(loaded);
    }

    private static GitResult<LoadedManifests> OverLimit(string commit, IReadOnlyList<string> paths, string found, string setting, long limit, string consequence)
    {
        var where = paths.Count == 0 ? "the repository" : string.Join(", ", paths.Select(p => $"'{p}'"));
        return GitResult<LoadedManifests>.Failed(new GitFailure(GitFailureKind.Limit,
            $"Commit {commit} declares {found} under {where}, more than the limit of {limit.ToString("N0", CultureInfo.InvariantCulture)} " +
            $"(setting {GitOpsOptions.SectionName}:{setting}). {consequence}, and nothing was pruned; objects stay as last synced. " +
            $"Narrow the source's Paths, split the repository into several sources, or raise {GitOpsOptions.SectionName}:{setting}.", ""));
    }

    // Its blob size is known from the tree listing: the file is never read, and its objects stay as last applied.
    private static ParsedFile TooLarge(TreeFile file, long limit) =>
        new([], [new SyncError(file.Path, 1,
            $"the file is {file.Size.ToString("N0", CultureInfo.InvariantCulture)} bytes, more than the limit of {limit.ToString("N0", CultureInfo.InvariantCulture)} " +
            $"(setting {GitOpsOptions.SectionName}:{nameof(GitOpsOptions.MaxFileBytes)}); it was not read, and its objects are left as last applied. " +
            $"Split it into smaller files, or raise {GitOpsOptions.SectionName}:{nameof(GitOpsOptions.MaxFileBytes)}.")]);

    /// <summary>Parses files read some other way (tests, tools): every file is new.</summary>
    public static LoadedManifests Parse(string commit, IReadOnlyList<string> paths, IReadOnlyList<ManifestFile> files)
    {
        var parsed = ParseFiles(files);
        var tree = files.Select(f => new TreeFile(f.Path, "", f.Content.Length)).ToList();
        var byFile = new Dictionary<TreeFile, ParsedFile>();
        for (var i = 0; i < files.Count; i++)
            byFile[tree[i]] = parsed[i];
        return Combine(commit, paths, tree, byFile);
    }

    private static LoadedManifests Combine(string commit, IReadOnlyList<string> paths, IReadOnlyList<TreeFile> tree, Dictionary<TreeFile, ParsedFile> files)
    {
        var objects = new List<LocatedObject>();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<SyncError>();
        foreach (var file in tree)
        {
            var parsed = files[file];
            if (parsed.Errors.Count > 0)
            {
                failed.Add(file.Path);
                errors.AddRange(parsed.Errors);
                continue;
            }
            objects.AddRange(parsed.Objects);
        }
        return new LoadedManifests(commit, paths, tree.Count, objects, failed, errors, files);
    }

    private static ParsedFile[] ParseFiles(IReadOnlyList<ManifestFile> files)
    {
        var results = new ParsedFile[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            results[i] = ParseFile(files[i]));
        return results;
    }

    // The reader reports bad input as errors and never throws for it (a fuzz test holds it to that); a fault of ours that
    // still escapes it fails this file alone, as a located error, never the whole sync.
    private static ParsedFile ParseFile(ManifestFile file)
    {
        try
        {
            return ReadFile(file);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new ParsedFile([], [new SyncError(file.Path, 1,
                $"GitSync could not read this file ({e.GetType().Name}: {e.Message}); its objects are left as last applied. "
                + "This is a fault in GitSync, not in the file: report it with the file attached.")]);
        }
    }

    private static ParsedFile ReadFile(ManifestFile file)
    {
        var result = ManifestReader.Read(Encoding.UTF8.GetString(file.Content.Span), file.Path);
        if (result.HasErrors)
            return new ParsedFile([], result.Errors.Select(e => new SyncError(e.File, e.Line, e.Message)).ToList());
        var objects = new List<LocatedObject>(result.Documents.Count);
        foreach (var document in result.Documents)
        {
            if (string.IsNullOrEmpty(document.Object.Metadata.Namespace) && KindRegistry.IsNamespaced(new ResourceType(document.Object.Group, document.Object.Kind)))
                document.Object.Metadata.Namespace = DefaultNamespace;
            objects.Add(new LocatedObject(ResourceKey.Of(document.Object), document.Object, document.File, document.Line,
                ContentHash.Of(document.Object.Root, document.File)));
        }
        return new ParsedFile(objects, []);
    }
}
