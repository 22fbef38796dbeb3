using GitOps.GitSync.Git;
using GitOps.GitSync.Options;

namespace GitOps.GitSync.Sources;

/// <summary>
/// Where a source may fetch from and which credential it may carry there. A configured source may use any
/// supported transport; a source added through the API only https and ssh, and http:// when it opts in with
/// <c>AllowInsecureHttp</c> (file://, local paths and git:// reach the silo's own disk or travel unauthenticated, so
/// only the operator configures them). A credential with <c>UrlPrefixes</c> goes only to URLs under one of them; one
/// without is for configured sources only. Checked when a source is added and again before every fetch.
/// </summary>
public static class SourcePolicy
{
    private static readonly IReadOnlySet<GitProtocol> Everything = Enum.GetValues<GitProtocol>().ToHashSet();
    private static readonly IReadOnlySet<GitProtocol> Encrypted = new HashSet<GitProtocol> { GitProtocol.Https, GitProtocol.Ssh };
    private static readonly IReadOnlySet<GitProtocol> EncryptedOrHttp = new HashSet<GitProtocol> { GitProtocol.Https, GitProtocol.Ssh, GitProtocol.Http };

    /// <summary>The protocols git may use for a source (its <c>GIT_ALLOW_PROTOCOL</c> is the one of these its URL names).</summary>
    public static IReadOnlySet<GitProtocol> AllowedProtocols(SourceOrigin origin, bool allowInsecureHttp) =>
        origin == SourceOrigin.Configuration ? Everything : allowInsecureHttp ? EncryptedOrHttp : Encrypted;

    /// <summary>What the rules refuse for this URL and credential, each naming the setting through <paramref name="setting"/>.</summary>
    public static IReadOnlyList<string> Check(
        string url, SourceOrigin origin, bool allowInsecureHttp, string? credentialName,
        IReadOnlyDictionary<string, GitCredentialOptions> credentials, Func<string, string> setting)
    {
        var errors = new List<string>();
        var shown = RepositoryUrl.Redact(url);
        var protocol = RepositoryUrl.ProtocolOf(url);
        if (protocol is { } known && !AllowedProtocols(origin, allowInsecureHttp).Contains(known))
        {
            errors.Add(known switch
            {
                GitProtocol.Http =>
                    $"{setting("Url")} '{shown}' is http://, which sends the repository and any credential unencrypted: use https://, or set allowInsecureHttp: true on this source to accept that.",
                GitProtocol.File =>
                    $"{setting("Url")} '{shown}' is a local repository: file:// URLs and local paths may only be configured (GitOps:Sources), not added through the API. Use an https:// or ssh:// URL.",
                _ =>
                    $"{setting("Url")} '{shown}' uses {RepositoryUrl.NameOf(known)}://, which may only be configured (GitOps:Sources), not added through the API. Use an https:// or ssh:// URL.",
            });
        }
        if (credentialName is null || !credentials.TryGetValue(credentialName, out var credential))
            return errors;
        if (credential.UrlPrefixes.Count == 0)
        {
            if (origin == SourceOrigin.Api)
                errors.Add($"{setting("Credentials")} '{credentialName}' names no URL prefixes, so it may only be used by configured sources: " +
                    $"add GitOps:Credentials:{credentialName}:UrlPrefixes (e.g. https://github.com/acme/) to let sources added through the API send it there.");
            return errors;
        }
        var location = RepositoryUrl.LocationOf(url);
        var prefixes = credential.UrlPrefixes.Select(RepositoryUrl.LocationOf).OfType<RemoteLocation>();
        if (location is null || !prefixes.Any(location.IsUnder))
            errors.Add($"{setting("Credentials")} '{credentialName}' may not be sent to '{shown}': it is allowed only for URLs under " +
                $"{string.Join(", ", credential.UrlPrefixes)} (GitOps:Credentials:{credentialName}:UrlPrefixes). Use a URL under one of them, or another credential.");
        return errors;
    }
}
