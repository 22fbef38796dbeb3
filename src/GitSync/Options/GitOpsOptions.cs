namespace GitOps.GitSync.Options;

/// <summary>The <c>GitOps</c> configuration section.</summary>
public sealed class GitOpsOptions
{
    public const string SectionName = "GitOps";
    public const string DefaultGitTimeout = "2m";
    public const int DefaultApplyParallelism = 256;
    public const int DefaultHistoryLimit = 50;
    public const int DefaultMaxConcurrentSyncs = 4;
    public const long DefaultMaxFileBytes = 4L * 1024 * 1024;
    public const int DefaultMaxFilesPerSource = 20_000;
    public const int DefaultMaxObjectsPerSource = 50_000;
    public const string DefaultRetryMaxDelay = "10m";

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

    /// <summary>Syncs this silo runs at once; the sources beyond wait their turn, in order, and their status says so.</summary>
    public int MaxConcurrentSyncs { get; set; } = DefaultMaxConcurrentSyncs;

    /// <summary>A manifest file larger than this (its blob size, known before it is read) is not read: that file's error.</summary>
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    /// <summary>A commit with more manifest files under a source's paths fails the sync before any file is read.</summary>
    public int MaxFilesPerSource { get; set; } = DefaultMaxFilesPerSource;

    /// <summary>A commit declaring more objects under a source's paths fails the sync before anything is applied.</summary>
    public int MaxObjectsPerSource { get; set; } = DefaultMaxObjectsPerSource;

    /// <summary>
    /// The longest wait before a failing source's next attempt. A source whose sync failed waits one poll interval,
    /// then twice that after each further failure (with jitter), up to this; a success, a webhook or a manual sync resets it.
    /// </summary>
    public string RetryMaxDelay { get; set; } = DefaultRetryMaxDelay;

    public string EffectiveCacheDirectory =>
        string.IsNullOrWhiteSpace(CacheDirectory) ? Path.Combine(Path.GetTempPath(), "gitops-mirrors") : CacheDirectory;

    public TimeSpan EffectiveGitTimeout =>
        DurationParser.TryParse(GitTimeout, out var timeout) ? timeout : TimeSpan.FromMinutes(2);

    public TimeSpan EffectiveRetryMaxDelay =>
        DurationParser.TryParse(RetryMaxDelay, out var delay) ? delay : TimeSpan.FromMinutes(10);
}
