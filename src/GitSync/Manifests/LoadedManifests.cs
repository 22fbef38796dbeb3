using GitOps.GitSync.Planning;

namespace GitOps.GitSync.Manifests;

/// <summary>What a commit declares under a source's paths: the objects of files that loaded, and the files that did not, with their errors.</summary>
public sealed record LoadedManifests(
    string Commit,
    IReadOnlyList<string> Paths,
    int FileCount,
    IReadOnlyList<LocatedObject> Objects,
    IReadOnlySet<string> FailedFiles,
    IReadOnlyList<SyncError> Errors);
