namespace GitOps.GitSync.Git;

/// <summary>A file of a commit's tree: its path, the id of its blob (same id, same content) and the blob's size in bytes.</summary>
public sealed record TreeFile(string Path, string Sha, long Size);
