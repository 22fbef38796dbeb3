namespace GitOps.GitSync.Git;

/// <summary>A commit's identity and metadata.</summary>
[GenerateSerializer, Alias("GitOps.CommitInfo")]
public sealed record CommitInfo(string Sha, string Author, string AuthorEmail, DateTimeOffset Time, string Message);
