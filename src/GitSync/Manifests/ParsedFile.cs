using GitOps.GitSync.Planning;

namespace GitOps.GitSync.Manifests;

/// <summary>One manifest file as parsed: its objects (with their content hashes) or its errors.</summary>
public sealed record ParsedFile(IReadOnlyList<LocatedObject> Objects, IReadOnlyList<SyncError> Errors);
