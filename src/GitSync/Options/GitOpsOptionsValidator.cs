using GitOps.GitSync.Git;
using GitOps.GitSync.Sources;
using Microsoft.Extensions.Options;

namespace GitOps.GitSync.Options;

/// <summary>Validates the <c>GitOps</c> section at start-up; each failure names the setting.</summary>
public sealed class GitOpsOptionsValidator : IValidateOptions<GitOpsOptions>
{
    public ValidateOptionsResult Validate(string? name, GitOpsOptions options)
    {
        var errors = new List<string>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Sources.Count; i++)
        {
            var source = options.Sources[i];
            var prefix = $"{GitOpsOptions.SectionName}:Sources:{i}";
            var (spec, sourceErrors) = SourceValidator.Validate(ToSettings(source), prefix, SourceOrigin.Configuration, options.Credentials);
            errors.AddRange(sourceErrors);
            if (spec is not null && !names.TryAdd(spec.Name, i))
                errors.Add($"{prefix}:Name '{spec.Name}' is also the name of GitOps:Sources:{names[spec.Name]}: source names must be unique.");
        }
        foreach (var (credentialName, credential) in options.Credentials)
        {
            if (string.IsNullOrWhiteSpace(credential.Token) && string.IsNullOrWhiteSpace(credential.SshKeyFile))
                errors.Add($"GitOps:Credentials:{credentialName} has neither Token nor SshKeyFile: set one of them.");
            if (!string.IsNullOrWhiteSpace(credential.SshKeyFile) && !File.Exists(credential.SshKeyFile))
                errors.Add($"GitOps:Credentials:{credentialName}:SshKeyFile '{credential.SshKeyFile}' does not exist: give the path of a readable private key file.");
            for (var i = 0; i < credential.UrlPrefixes.Count; i++)
            {
                if (RepositoryUrl.LocationOf(credential.UrlPrefixes[i]) is null)
                    errors.Add($"GitOps:Credentials:{credentialName}:UrlPrefixes:{i} '{credential.UrlPrefixes[i]}' is not a remote URL prefix: write e.g. https://github.com/acme/ or ssh://git@github.com/acme/.");
            }
            if (!string.IsNullOrWhiteSpace(credential.KnownHostsFile) && !File.Exists(credential.KnownHostsFile))
                errors.Add($"GitOps:Credentials:{credentialName}:KnownHostsFile '{credential.KnownHostsFile}' does not exist: give the path of a known_hosts file with the Git server's host key (e.g. from ssh-keyscan), or remove the setting to trust the key on first use.");
        }
        if (!DurationParser.TryParse(options.GitTimeout, out var timeout) || timeout <= TimeSpan.Zero)
            errors.Add($"GitOps:GitTimeout '{options.GitTimeout}' is not a positive duration: write e.g. 2m or 00:02:00.");
        if (options.ApplyParallelism is < 1 or > 1024)
            errors.Add($"GitOps:ApplyParallelism {options.ApplyParallelism} must be between 1 and 1024.");
        if (options.HistoryLimit is < 1 or > 1000)
            errors.Add($"GitOps:HistoryLimit {options.HistoryLimit} must be between 1 and 1000.");
        if (options.MaxConcurrentSyncs is < 1 or > 256)
            errors.Add($"GitOps:MaxConcurrentSyncs {options.MaxConcurrentSyncs} must be between 1 and 256.");
        if (options.MaxFileBytes < 1)
            errors.Add($"GitOps:MaxFileBytes {options.MaxFileBytes} must be greater than zero.");
        if (options.MaxFilesPerSource < 1)
            errors.Add($"GitOps:MaxFilesPerSource {options.MaxFilesPerSource} must be greater than zero.");
        if (options.MaxObjectsPerSource < 1)
            errors.Add($"GitOps:MaxObjectsPerSource {options.MaxObjectsPerSource} must be greater than zero.");
        if (!DurationParser.TryParse(options.RetryMaxDelay, out var retry) || retry < TimeSpan.FromSeconds(1))
            errors.Add($"GitOps:RetryMaxDelay '{options.RetryMaxDelay}' is not a duration of at least 1 s: write e.g. 10m or 00:10:00.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static SourceSettings ToSettings(GitSourceOptions source) => new(
        source.Name, source.Url, source.Branch, source.Paths, source.PollInterval, source.Prune, source.SelfHeal, source.Credentials,
        source.AllowInsecureHttp);
}
