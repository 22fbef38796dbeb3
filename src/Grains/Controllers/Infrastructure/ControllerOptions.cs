namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>
/// Settings of the controllers, bound from <see cref="SectionName"/> (e.g. <c>GitOps:Controllers:NodeGracePeriod</c>
/// = <c>00:00:40</c>) and validated at start-up by <see cref="ControllerOptionsValidator"/>. How to use:
/// inject <c>IOptions&lt;ControllerOptions&gt;</c>; add a setting here with its default as a constant.
/// </summary>
public sealed class ControllerOptions
{
    public const string SectionName = "GitOps:Controllers";

    public static readonly TimeSpan DefaultResyncPeriod = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultRetryBaseDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan DefaultRetryMaxDelay = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan DefaultNodeGracePeriod = TimeSpan.FromSeconds(40);
    public static readonly TimeSpan DefaultPodEvictionTimeout = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultNodeMonitorPeriod = TimeSpan.FromSeconds(5);
    public const int DefaultSchedulerBatchSize = 500;
    public const int DefaultSchedulerPercentageOfNodesToScore = 0;
    public const int DefaultEventQueueCapacity = 10_000;
    public static readonly TimeSpan DefaultEventTtl = TimeSpan.FromHours(1);

    /// <summary>How often every controller grain reconciles from its durable reminder even without changes.</summary>
    public TimeSpan ResyncPeriod { get; set; } = DefaultResyncPeriod;

    /// <summary>First retry delay after a failed reconcile; doubles per failure (with jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = DefaultRetryBaseDelay;

    public TimeSpan RetryMaxDelay { get; set; } = DefaultRetryMaxDelay;

    /// <summary>A node whose heartbeat (Lease renewTime or Ready lastHeartbeatTime) is older than this becomes Ready=Unknown and tainted unreachable.</summary>
    public TimeSpan NodeGracePeriod { get; set; } = DefaultNodeGracePeriod;

    /// <summary>How long pods stay on an unreachable or not-ready node (counted from the NoExecute taint) before they are deleted.</summary>
    public TimeSpan PodEvictionTimeout { get; set; } = DefaultPodEvictionTimeout;

    /// <summary>How often the node lifecycle controller checks heartbeats.</summary>
    public TimeSpan NodeMonitorPeriod { get; set; } = DefaultNodeMonitorPeriod;

    /// <summary>Pods the scheduler decides and binds concurrently per batch.</summary>
    public int SchedulerBatchSize { get; set; } = DefaultSchedulerBatchSize;

    /// <summary>Share of nodes (1-100) the scheduler scores once that many are feasible; 0 adapts to the cluster size as kube-scheduler does.</summary>
    public int SchedulerPercentageOfNodesToScore { get; set; } = DefaultSchedulerPercentageOfNodesToScore;

    /// <summary>Events waiting to be written; further events are dropped (and logged) while the queue is full.</summary>
    public int EventQueueCapacity { get; set; } = DefaultEventQueueCapacity;

    /// <summary>How long an Event is kept after it last happened (Kubernetes' --event-ttl); older ones are deleted.</summary>
    public TimeSpan EventTtl { get; set; } = DefaultEventTtl;
}
