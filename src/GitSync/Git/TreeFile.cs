namespace GitOps.GitSync.Git;

/// <summary>A file of a commit's tree: its path and the id of its blob (same id, same content).</summary>
public sealed record TreeFile(string Path, string Sha);
