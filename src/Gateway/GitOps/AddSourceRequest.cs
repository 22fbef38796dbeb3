using GitOps.GitSync.Sources;

namespace GitOps.Gateway.GitOpsApi;

/// <summary>
/// The body of <c>POST /api/gitops/sources</c>. Credentials are named, never sent: they live in GitOps:Credentials, and
/// go only to URLs under their UrlPrefixes. The URL is https:// or ssh:// (http:// with <c>allowInsecureHttp: true</c>).
/// </summary>
public sealed record AddSourceRequest(
    string? Name,
    string? Url,
    string? Branch,
    IReadOnlyList<string>? Paths,
    string? PollInterval,
    bool? Prune,
    bool? SelfHeal,
    string? Credentials,
    bool? AllowInsecureHttp)
{
    public SourceSettings ToSettings() => new(Name, Url, Branch, Paths, PollInterval, Prune, SelfHeal, Credentials, AllowInsecureHttp);
}
