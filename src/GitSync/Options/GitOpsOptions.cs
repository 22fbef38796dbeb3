namespace GitOps.GitSync.Options;

/// <summary>The <c>GitOps</c> configuration section.</summary>
public sealed class GitOpsOptions
{
    public const string SectionName = "GitOps";
    public const string DefaultGitTimeout = "2m";
    public const int DefaultApplyParallelism = 256;
    public const int DefaultHistoryLimit = 50;

    /// <summary>The sources to sync from configuration; more can be added through the API.</summary>
    public List<GitSourceOptions> Sources { get; set; } = [];

    /// <summary>Named credentials sources refer to with their <c>Credentials</c> setting.</summary>
    public Dictionary<string, GitCredentialOptions> Credentials { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Where bare mirrors are kept; defaults to a folder under the system temp directory.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Shared secret of the webhook: HMAC-SHA256 key (GitHub, generic) or token (GitLab). Unset: unsigned calls accepted.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How long one git command may run.</summary>
    public string GitTimeout { get; set; } = DefaultGitTimeout;

    /// <summary>How many objects of one sync wave are applied at once.</summary>
    public int ApplyParallelism { get; set; } = DefaultApplyParallelism;

    /// <summary>How many sync runs each source keeps in its history.</summary>
    public int HistoryLimit { get; set; } = DefaultHistoryLimit;

    public string EffectiveCacheDirectory =>
        string.IsNullOrWhiteSpace(CacheDirectory) ? Path.Combine(Path.GetTempPath(), "gitops-mirrors") : CacheDirectory;

    public TimeSpan EffectiveGitTimeout =>
        DurationParser.TryParse(GitTimeout, out var timeout) ? timeout : TimeSpan.FromMinutes(2);
}
