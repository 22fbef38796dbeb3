using System.Text.RegularExpressions;
using GitOps.GitSync.Git;
using GitOps.GitSync.Options;

namespace GitOps.GitSync.Sources;

/// <summary>
/// Validates source settings. Each error names the setting at fault through
/// <c>settingPrefix</c> ("GitOps:Sources:0" for configuration, "" for an API body) and says what to write.
/// </summary>
public static partial class SourceValidator
{
    public static readonly TimeSpan MinimumPollInterval = TimeSpan.FromSeconds(1);

    public static (SourceSpec? Spec, IReadOnlyList<string> Errors) Validate(
        SourceSettings settings, string settingPrefix, SourceOrigin origin, IReadOnlyDictionary<string, GitCredentialOptions> credentials)
    {
        var errors = new List<string>();
        string Setting(string name) => settingPrefix.Length == 0 ? name : $"{settingPrefix}:{name}";

        var name = settings.Name?.Trim() ?? "";
        if (!SourceName().IsMatch(name))
            errors.Add($"{Setting("Name")} '{name}' is not a valid source name: use 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit.");

        var url = settings.Url?.Trim() ?? "";
        if (url.Length == 0)
            errors.Add($"{Setting("Url")} is required: a file://, https:// or ssh:// URL, git@host:org/repo, or an absolute local path.");
        else if (!RepositoryUrl.IsSupported(url))
            errors.Add($"{Setting("Url")} '{RepositoryUrl.Redact(url)}' is not a supported repository URL: use https://, ssh://, git@host:org/repo, or in configuration file:// or an absolute local path (remote helpers such as ext:: are never run).");

        var branch = string.IsNullOrWhiteSpace(settings.Branch) ? GitSourceOptions.DefaultBranch : settings.Branch.Trim();
        if (!GitReference().IsMatch(branch) || branch.Contains("..", StringComparison.Ordinal))
            errors.Add($"{Setting("Branch")} '{branch}' is not a valid branch or tag name.");

        var paths = (settings.Paths ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        for (var i = 0; i < paths.Count; i++)
        {
            var segments = paths[i].Replace('\\', '/').Split('/');
            if (segments.Contains("..") || paths[i].StartsWith('-'))
                errors.Add($"{Setting($"Paths:{i}")} '{paths[i]}' must be a folder inside the repository (no '..', not starting with '-').");
        }

        var pollText = string.IsNullOrWhiteSpace(settings.PollInterval) ? GitSourceOptions.DefaultPollInterval : settings.PollInterval;
        if (!DurationParser.TryParse(pollText, out var poll))
            errors.Add($"{Setting("PollInterval")} '{pollText}' is not a duration: write e.g. 30s, 1m, 1h30m or 00:00:30.");
        else if (poll < MinimumPollInterval)
            errors.Add($"{Setting("PollInterval")} '{pollText}' is too short: the minimum is 1s.");

        var credential = string.IsNullOrWhiteSpace(settings.Credentials) ? null : settings.Credentials.Trim();
        if (credential is not null && !credentials.ContainsKey(credential))
            errors.Add($"{Setting("Credentials")} '{credential}' names no entry of GitOps:Credentials: add GitOps:Credentials:{credential}:Token (or :SshKeyFile).");

        var allowInsecureHttp = settings.AllowInsecureHttp ?? false;
        if (errors.Count == 0)
            errors.AddRange(SourcePolicy.Check(url, origin, allowInsecureHttp, credential, credentials, Setting));
        if (errors.Count > 0)
            return (null, errors);
        return (new SourceSpec(name, url, branch, paths, poll, settings.Prune ?? true, settings.SelfHeal ?? true, credential, origin, allowInsecureHttp), errors);
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex SourceName();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/+-]*$")]
    private static partial Regex GitReference();
}
