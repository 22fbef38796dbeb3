using System.Text.RegularExpressions;

namespace GitOps.GitSync.Git;

/// <summary>Repository URLs as users write them: file://, local paths, https://, ssh:// and scp-style (git@host:org/repo, [git@host:2222]:org/repo).</summary>
public static partial class RepositoryUrl
{
    /// <summary>True when git can be given the URL as is: a known scheme, scp-style, or an absolute local path.</summary>
    public static bool IsSupported(string url) =>
        url.StartsWith("file://", StringComparison.Ordinal)
        || url.StartsWith("https://", StringComparison.Ordinal)
        || url.StartsWith("http://", StringComparison.Ordinal)
        || url.StartsWith("ssh://", StringComparison.Ordinal)
        || url.StartsWith("git://", StringComparison.Ordinal)
        || ScpStyle().IsMatch(url)
        || Path.IsPathRooted(url);

    /// <summary>The transport git uses for a supported URL: scp-style is SSH, an absolute path is local.</summary>
    public static GitTransport TransportOf(string url) =>
        url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("http://", StringComparison.Ordinal) ? GitTransport.Http
        : url.StartsWith("ssh://", StringComparison.Ordinal) ? GitTransport.Ssh
        : url.StartsWith("git://", StringComparison.Ordinal) ? GitTransport.Git
        : url.StartsWith("file://", StringComparison.Ordinal) || Path.IsPathRooted(url) ? GitTransport.Local
        : ScpStyle().IsMatch(url) ? GitTransport.Ssh
        : GitTransport.Local;

    /// <summary>The URL with any user:password removed, safe to show and log.</summary>
    public static string Redact(string url) => UserInfo().Replace(url, "$1***@");

    /// <summary>Removes credentials embedded in URLs anywhere in a text (git echoes URLs in its messages).</summary>
    public static string RedactText(string text) => UserInfo().Replace(text, "$1***@");

    /// <summary>
    /// A comparable form, so a webhook's clone URL matches the configured one:
    /// "host/org/repo" for remote URLs (scheme, user, port-less, ".git" and case of host dropped),
    /// the full path for local repositories.
    /// </summary>
    public static string Normalize(string url)
    {
        var text = url.Trim();
        if (text.StartsWith("file://", StringComparison.Ordinal))
            return TrimRepo(Path.GetFullPath(text["file://".Length..]));
        if (Path.IsPathRooted(text) && !text.Contains("://", StringComparison.Ordinal))
            return TrimRepo(Path.GetFullPath(text));
        var scp = ScpStyle().Match(text);
        if (scp.Success && !text.Contains("://", StringComparison.Ordinal))
            return TrimRepo($"{scp.Groups["host"].Value.ToLowerInvariant()}/{scp.Groups["path"].Value.TrimStart('/')}");
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
            return TrimRepo($"{uri.Host.ToLowerInvariant()}/{uri.AbsolutePath.Trim('/')}");
        return TrimRepo(text);
    }

    private static string TrimRepo(string text)
    {
        var trimmed = text.TrimEnd('/');
        return trimmed.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? trimmed[..^4] : trimmed;
    }

    /// <summary>
    /// scp-style, as git reads it: <c>[user@]host:path</c>, and with a port <c>[user@host:port]:path</c>
    /// or <c>user@[host:port]:path</c>; the path may be absolute (<c>git@host:/srv/repo.git</c>).
    /// </summary>
    [GeneratedRegex(@"^(?:[A-Za-z0-9._-]+@)?(?:\[(?:[A-Za-z0-9._-]+@)?(?<host>[A-Za-z0-9.-]+)(?::[0-9]+)?\]|(?<host>[A-Za-z0-9.-]+)):(?<path>(?!//)[^\\].*)$")]
    private static partial Regex ScpStyle();

    [GeneratedRegex(@"(\b[a-z][a-z0-9+.-]*://)[^/@\s]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UserInfo();
}
