namespace GitOps.Store.Compaction;

/// <summary>
/// How the change log is bounded (section GitOps:Store:Compaction). Watches and continue tokens
/// older than what is kept answer Expired (410), and clients list again, as with Kubernetes' etcd compaction.
/// </summary>
public sealed class ResourceLogCompactionOptions
{
    public const string SectionName = "GitOps:Store:Compaction";
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromMinutes(10);
    public const int DefaultKeepLatest = 50_000;

    public bool Enabled { get; set; } = true;

    /// <summary>How often the log is compacted.</summary>
    public TimeSpan Interval { get; set; } = DefaultInterval;

    /// <summary>Events younger than this are kept.</summary>
    public TimeSpan Retention { get; set; } = DefaultRetention;

    /// <summary>At least this many of the newest events are kept, however old.</summary>
    public int KeepLatest { get; set; } = DefaultKeepLatest;
}
