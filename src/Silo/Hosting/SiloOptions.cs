using GitOps.Silo.Example;

namespace GitOps.Silo.Hosting;

public enum StorageProvider { Memory, PostgreSql }

/// <summary>The silo's own settings, bound from the <c>GitOps</c> section.</summary>
public sealed class SiloOptions
{
    public const string SectionName = "GitOps";
    public const string ConnectionStringName = "GitOps";
    public const int DefaultSimulatedNodes = 3;

    /// <summary><c>GitOps:Storage:Provider</c>: Memory (the embedded default) or PostgreSql.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>
    /// <c>GitOps:SimulatedNodes</c>: how many simulated nodes the silo hosts in-process, so the
    /// embedded default can run pods without a separate node agent. 0 turns the fleet off.
    /// </summary>
    public int SimulatedNodes { get; set; } = DefaultSimulatedNodes;

    /// <summary><c>GitOps:Example</c>: the example source a silo runs when no source is configured.</summary>
    public ExampleOptions Example { get; set; } = new();
}

public sealed class StorageOptions
{
    public StorageProvider Provider { get; set; } = StorageProvider.Memory;
}
