namespace GitOps.GitSync.Webhooks;

/// <summary>
/// What a push notification says, whatever the sender: the repository's URLs (any of them may
/// match a source), the branch or tag pushed, the new commit, or directly a source name (generic).
/// </summary>
public sealed record PushEvent(IReadOnlyList<string> RepositoryUrls, string? Reference, string? Commit, string? SourceName, string Sender);
