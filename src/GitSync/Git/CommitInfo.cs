namespace GitOps.GitSync.Git;

/// <summary>A commit's identity and metadata.</summary>
public sealed record CommitInfo(string Sha, string Author, string AuthorEmail, DateTimeOffset Time, string Message);
