namespace GitOps.GitSync.Options;

/// <summary>One entry of <c>GitOps:Sources</c>.</summary>
public sealed class GitSourceOptions
{
    public const string DefaultBranch = "main";
    public const string DefaultPollInterval = "30s";

    public string Name { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary>A branch or tag.</summary>
    public string Branch { get; set; } = DefaultBranch;

    /// <summary>Folders (or files) within the repository to read; empty means the whole repository.</summary>
    public List<string> Paths { get; set; } = [];

    /// <summary>A duration: "30s", "1m", "1h30m" or "00:00:30".</summary>
    public string PollInterval { get; set; } = DefaultPollInterval;

    public bool Prune { get; set; } = true;

    public bool SelfHeal { get; set; } = true;

    /// <summary>The name of an entry of <c>GitOps:Credentials</c>, for private repositories.</summary>
    public string? Credentials { get; set; }

    /// <summary>Lets an http:// URL through: the repository's content and any token then travel unencrypted.</summary>
    public bool AllowInsecureHttp { get; set; }
}
