namespace GitOps.Grains.Hosting;

/// <summary>
/// How this silo joins its Orleans cluster, bound from <c>GitOps:Cluster</c>. With PostgreSQL
/// storage every silo on the same database and <see cref="ClusterId"/> forms one cluster; with
/// memory storage the silo is a cluster of its own.
/// </summary>
public sealed class GrainClusterOptions
{
    public const string SectionName = "GitOps:Cluster";
    public const string DefaultClusterId = "gitops";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;
    public const string DefaultAdvertisedAddress = "127.0.0.1";
    public static readonly TimeSpan DefaultCollectionAge = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan DefaultProbeTimeout = TimeSpan.FromSeconds(2);
    public const int DefaultMissedProbesLimit = 2;
    public static readonly TimeSpan DefaultMembershipRefreshPeriod = TimeSpan.FromSeconds(5);

    /// <summary>The cluster's name; silos of other ids on the same database never meet.</summary>
    public string ClusterId { get; set; } = DefaultClusterId;

    /// <summary>The port silos talk to each other on.</summary>
    public int SiloPort { get; set; } = DefaultSiloPort;

    /// <summary>Orleans' client gateway port. A second silo on one host sets both ports.</summary>
    public int GatewayPort { get; set; } = DefaultGatewayPort;

    /// <summary>The address other silos reach this one at: an IP address, or a host name resolved at start-up (a compose service name).</summary>
    public string AdvertisedAddress { get; set; } = DefaultAdvertisedAddress;

    /// <summary>A grain activation idle for this long is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = DefaultCollectionAge;

    /// <summary>How long a silo waits for a probe answer before it counts the probe as missed.</summary>
    public TimeSpan ProbeTimeout { get; set; } = DefaultProbeTimeout;

    /// <summary>Missed probes after which a silo votes another dead.</summary>
    public int MissedProbesLimit { get; set; } = DefaultMissedProbesLimit;

    /// <summary>
    /// How often the silo re-reads the membership table. Besides catching up with changes it missed, this
    /// is how a silo that was frozen (SIGSTOP, a paused VM, a stalled machine) while the others declared it
    /// dead finds out and stops: with Orleans' default of one minute it would go on running its stale
    /// activations and serving requests for up to that long after it resumes.
    /// </summary>
    public TimeSpan MembershipRefreshPeriod { get; set; } = DefaultMembershipRefreshPeriod;
}
