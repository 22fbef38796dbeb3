using System.Text.RegularExpressions;

namespace GitOps.GitSync.Git;

/// <summary>Repository URLs as users write them: file://, local paths, https://, ssh:// and scp-style (git@host:org/repo, [git@host:2222]:org/repo).</summary>
public static partial class RepositoryUrl
{
    /// <summary>
    /// True when git can be given the URL as is: a known scheme, scp-style, or an absolute local path; never a remote
    /// helper's <c>name::address</c> (<c>ext::</c> runs a command).
    /// </summary>
    public static bool IsSupported(string url) => ProtocolOf(url) is not null;

    /// <summary>
    /// The protocol of a supported URL, by which <c>GIT_ALLOW_PROTOCOL</c> and the sources' rules allow it: scp-style is
    /// ssh, an absolute path is file. Null for what git would read as another transport (<c>ext::</c>, <c>fd::</c>, a
    /// remote helper's <c>name::address</c>, an unknown scheme).
    /// </summary>
    public static GitProtocol? ProtocolOf(string url) =>
        url.StartsWith("https://", StringComparison.Ordinal) ? GitProtocol.Https
        : url.StartsWith("http://", StringComparison.Ordinal) ? GitProtocol.Http
        : url.StartsWith("ssh://", StringComparison.Ordinal) ? GitProtocol.Ssh
        : url.StartsWith("git://", StringComparison.Ordinal) ? GitProtocol.Git
        : url.StartsWith("file://", StringComparison.Ordinal) ? GitProtocol.File
        : url.Contains("::", StringComparison.Ordinal) || url.Contains("://", StringComparison.Ordinal) ? null
        : ScpStyle().IsMatch(url) ? GitProtocol.Ssh
        : Path.IsPathRooted(url) ? GitProtocol.File
        : null;

    /// <summary>The name <c>GIT_ALLOW_PROTOCOL</c> and git's messages use for a protocol.</summary>
    public static string NameOf(GitProtocol protocol) => protocol.ToString().ToLowerInvariant();

    /// <summary>
    /// The remote a URL points at, for comparing it with a credential's URL prefixes: scheme, lower-case host, port
    /// (the scheme's default when none is written) and the path with its dot segments resolved and percent-escapes
    /// decoded. scp-style <c>git@host:org/repo</c> is <c>ssh://git@host/org/repo</c>. Null for a local or unparseable URL.
    /// </summary>
    public static RemoteLocation? LocationOf(string url)
    {
        var text = url.Trim();
        var scp = ScpStyle().Match(text);
        if (ProtocolOf(text) == GitProtocol.Ssh && scp.Success && !text.Contains("://", StringComparison.Ordinal))
            text = $"ssh://{text[..scp.Groups["path"].Index].TrimEnd(':').Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal)}/{scp.Groups["path"].Value.TrimStart('/')}";
        if (ProtocolOf(text) is not (GitProtocol.Http or GitProtocol.Https or GitProtocol.Ssh or GitProtocol.Git)
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            return null;
        var segments = new List<string>();
        foreach (var segment in Uri.UnescapeDataString(uri.AbsolutePath).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                    segments.RemoveAt(segments.Count - 1);
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }
        var port = uri.Port >= 0 ? uri.Port : uri.Scheme == "ssh" ? 22 : 9418;
        return new RemoteLocation(uri.Scheme, uri.Host.ToLowerInvariant(), port, segments);
    }

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
    /// or <c>user@[host:port]:path</c>; the path may be absolute (<c>git@host:/srv/repo.git</c>). Neither a user nor a
    /// host starts with '-' (ssh would read it as an option), and the path never starts with ':' (<c>ext::cmd</c>).
    /// </summary>
    [GeneratedRegex(@"^(?:[A-Za-z0-9._][A-Za-z0-9._-]*@)?(?:\[(?:[A-Za-z0-9._][A-Za-z0-9._-]*@)?(?<host>[A-Za-z0-9.][A-Za-z0-9.-]*)(?::[0-9]+)?\]|(?<host>[A-Za-z0-9.][A-Za-z0-9.-]*)):(?<path>(?!//)[^\\:].*)$")]
    private static partial Regex ScpStyle();

    [GeneratedRegex(@"(\b[a-z][a-z0-9+.-]*://)[^/@\s]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UserInfo();
}
