using System.Text.Json;

namespace GitOps.Runtime;

/// <summary>Settings of the grain runtime; validated when the runtime starts.</summary>
public sealed class GrainRuntimeOptions
{
    public const int DefaultShardCount = 256;
    public const int MaxShardCount = 65536;
    public const int DefaultWriteBatchMaxSize = 256;
    public const int DefaultWriteBatchConcurrency = 8;
    public static readonly TimeSpan DefaultCollectionAge = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan DefaultCollectionInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultMinimumReminderPeriod = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>This silo's id in membership and shard leases.</summary>
    public string SiloId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Fixed number of shards grain ids hash to. Changing it moves every grain: keep it stable per cluster.</summary>
    public int ShardCount { get; set; } = DefaultShardCount;

    /// <summary>An activation idle for this long is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = DefaultCollectionAge;

    /// <summary>How often the idle collector looks for idle activations.</summary>
    public TimeSpan CollectionInterval { get; set; } = DefaultCollectionInterval;

    /// <summary>The shortest reminder period grains may register.</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = DefaultMinimumReminderPeriod;

    /// <summary>How long shutdown waits for activations to deactivate.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = DefaultShutdownTimeout;

    /// <summary>With PostgreSQL storage: apply the embedded migrations when the runtime starts.</summary>
    public bool ApplyMigrationsOnStart { get; set; } = true;

    /// <summary>With PostgreSQL storage: most state writes committed together in one round trip.</summary>
    public int WriteBatchMaxSize { get; set; } = DefaultWriteBatchMaxSize;

    /// <summary>With PostgreSQL storage: most write batches in flight at once (connections used by writes).</summary>
    public int WriteBatchConcurrency { get; set; } = DefaultWriteBatchConcurrency;

    /// <summary>Serializer settings of persistent state (System.Text.Json).</summary>
    public JsonSerializerOptions StateSerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);
}
