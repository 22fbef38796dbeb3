using GitOps.GitSync.Git;
using GitOps.GitSync.Planning;

namespace GitOps.GitSync.Manifests;

/// <summary>
/// What a commit declares under a source's paths: the objects of files that loaded, and the files
/// that did not, with their errors. <see cref="Files"/> keeps each file's parse by path and blob id,
/// so the next commit parses only the files that changed.
/// </summary>
public sealed record LoadedManifests(
    string Commit,
    IReadOnlyList<string> Paths,
    int FileCount,
    IReadOnlyList<LocatedObject> Objects,
    IReadOnlySet<string> FailedFiles,
    IReadOnlyList<SyncError> Errors,
    IReadOnlyDictionary<TreeFile, ParsedFile> Files);
