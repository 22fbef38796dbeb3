using GitOps.GitSync.Sources;

namespace GitOps.Gateway.GitOpsApi;

/// <summary>The body of <c>POST /api/gitops/sources</c>. Credentials are named, never sent: they live in GitOps:Credentials.</summary>
public sealed record AddSourceRequest(
    string? Name,
    string? Url,
    string? Branch,
    IReadOnlyList<string>? Paths,
    string? PollInterval,
    bool? Prune,
    bool? SelfHeal,
    string? Credentials)
{
    public SourceSettings ToSettings() => new(Name, Url, Branch, Paths, PollInterval, Prune, SelfHeal, Credentials);
}
