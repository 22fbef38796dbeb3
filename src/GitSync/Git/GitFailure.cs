namespace GitOps.GitSync.Git;

public enum GitFailureKind { Authentication, MissingReference, Unreachable, Timeout, Other, HostKey, Limit, Mirror }

/// <summary>A git operation that failed: what kind of failure, what git said, and what to check.</summary>
public sealed record GitFailure(GitFailureKind Kind, string Message, string GitOutput)
{
    public override string ToString() => string.IsNullOrWhiteSpace(GitOutput) ? Message : $"{Message} git said: {GitOutput}";

    public static GitFailure From(GitCommandResult result, string url, string? reference, TimeSpan timeout)
    {
        var output = result.StandardError.Trim();
        var safeUrl = RepositoryUrl.Redact(url);
        if (result.TimedOut)
            return new(GitFailureKind.Timeout,
                $"git did not finish within {timeout} for '{safeUrl}'. Check that the host is reachable, or raise GitOps:GitTimeout.", output);
        var lower = output.ToLowerInvariant();
        if (ContainsAny(lower, "authentication failed", "could not read username", "could not read password",
                "permission denied (publickey", "terminal prompts disabled", "returned error: 403", "returned error: 401", "invalid username or password"))
            return new(GitFailureKind.Authentication,
                $"git could not authenticate to '{safeUrl}'. Check the source's credentials (token or SSH key file in GitOps:Credentials) and that they grant read access.", output);
        if (ContainsAny(lower, "couldn't find remote ref", "invalid refspec", "not our ref", "unknown revision"))
            return new(GitFailureKind.MissingReference,
                $"'{reference}' was not found in '{safeUrl}'. Check the source's Branch setting: it must name an existing branch or tag.", output);
        if (ContainsAny(lower, "could not resolve host", "connection refused", "connection timed out", "unable to access",
                "does not appear to be a git repository", "could not read from remote repository", "no such file or directory",
                "network is unreachable", "not a git repository"))
            return new(GitFailureKind.Unreachable,
                $"The repository '{safeUrl}' could not be reached. Check the URL and that the host is reachable from this machine.", output);
        return new(GitFailureKind.Other, $"git failed (exit code {result.ExitCode}) for '{safeUrl}'.", output);
    }

    /// <summary>The source's mirror could not be read (damaged files, or a native libgit2 call that failed): it is discarded, the next sync fetches afresh.</summary>
    public static GitFailure DamagedMirror(string url, string directory, string operation, string detail) =>
        new(GitFailureKind.Mirror,
            $"The mirror of '{RepositoryUrl.Redact(url)}' in {directory} could not be read ({operation}). It is discarded: the next sync " +
            "fetches a fresh copy. If this repeats, check the disk of GitOps:CacheDirectory.",
            RepositoryUrl.RedactText(detail));

    private static bool ContainsAny(string text, params string[] needles) =>
        needles.Any(n => text.Contains(n, StringComparison.Ordinal));
}
