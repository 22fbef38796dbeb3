namespace GitOps.GitSync.Git;

/// <summary>A file read from a commit: its path in the repository and its bytes.</summary>
public sealed record ManifestFile(string Path, ReadOnlyMemory<byte> Content);
