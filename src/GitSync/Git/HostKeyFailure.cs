using System.Text.RegularExpressions;

namespace GitOps.GitSync.Git;

/// <summary>
/// Recognises ssh's host key verification failures in git's output and says which source, which host
/// and which known_hosts file are concerned, and how to fix it. Only the file's path is named: the
/// message carries no key.
/// </summary>
internal static partial class HostKeyFailure
{
    public static GitFailure? Detect(GitCommandResult result, string sourceName, string url, SshHostKeys hostKeys)
    {
        var output = result.StandardError.Trim();
        if (result.TimedOut || !output.Contains("host key verification failed", StringComparison.OrdinalIgnoreCase))
            return null;
        var file = hostKeys.KnownHostsFile;
        var offending = Offending().Match(output);
        var entry = Locate(file, hostKeys.Setting, offending.Success ? offending.Groups["line"].Value : null);
        var configured = Locate(file, hostKeys.Setting, line: null);
        const string Kept = "Nothing was fetched; objects stay as last synced.";

        var changed = Changed().Match(output);
        if (changed.Success)
        {
            var host = changed.Groups["host"].Value;
            var message = hostKeys.Strict
                ? $"The SSH host key of {host} for source '{sourceName}' does not match the key for it in {entry}. {Kept} " +
                  $"If the server's key was replaced on purpose, put its new key in that file (e.g. from `ssh-keyscan {KeyscanArguments(host)}`, " +
                  "checked against the fingerprint the Git host publishes); if it was not, someone may be intercepting the connection."
                : $"The SSH host key of {host} for source '{sourceName}' has changed since GitSync first trusted it: it no longer matches " +
                  $"the key recorded in {entry}. {Kept} If the server's key was replaced on purpose, remove the old entry " +
                  $"(`ssh-keygen -R '{host}' -f '{file}'`) and the next sync trusts the new key, or pin the key with " +
                  "GitOps:Credentials:<name>:KnownHostsFile; if it was not, someone may be intercepting the connection.";
            return new GitFailure(GitFailureKind.HostKey, message, output);
        }

        var unknown = Unknown().Match(output);
        if (unknown.Success)
        {
            var host = unknown.Groups["host"].Value;
            return new GitFailure(GitFailureKind.HostKey,
                $"The SSH host {host} of source '{sourceName}' has no key in {configured}, which is checked strictly. {Kept} " +
                $"Add the server's key to that file (e.g. from `ssh-keyscan {KeyscanArguments(host)}`, checked against the fingerprint the Git host publishes).",
                output);
        }

        return new GitFailure(GitFailureKind.HostKey,
            $"SSH host key verification failed for source '{sourceName}' ('{RepositoryUrl.Redact(url)}'); host keys are checked against " +
            $"{configured}. {Kept} Check that file's entry for the server against the key the Git host publishes.",
            output);
    }

    /// <summary>"file (setting, line N)", with what is known of the setting and the line.</summary>
    private static string Locate(string file, string? setting, string? line)
    {
        var details = new[] { setting, line is null ? null : $"line {line}" }.Where(d => d is not null).ToList();
        return details.Count == 0 ? file : $"{file} ({string.Join(", ", details)})";
    }

    /// <summary>ssh-keyscan's arguments for a host as known_hosts names it: "github.com", or "[host]:port".</summary>
    private static string KeyscanArguments(string host)
    {
        var bracketed = BracketedHost().Match(host);
        return bracketed.Success ? $"-p {bracketed.Groups["port"].Value} {bracketed.Groups["name"].Value}" : host;
    }

    [GeneratedRegex(@"Host key for (?<host>\S+) has changed", RegexOptions.IgnoreCase)]
    private static partial Regex Changed();

    [GeneratedRegex(@"No \S+ host key is known for (?<host>\S+) and you have requested strict", RegexOptions.IgnoreCase)]
    private static partial Regex Unknown();

    [GeneratedRegex(@"Offending \S+ key in .+:(?<line>\d+)\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex Offending();

    [GeneratedRegex(@"^\[(?<name>[^\]]+)\]:(?<port>\d+)$")]
    private static partial Regex BracketedHost();
}
