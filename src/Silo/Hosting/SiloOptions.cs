using GitOps.Silo.Example;

namespace GitOps.Silo.Hosting;

public enum StorageProvider { Memory, PostgreSql }

/// <summary>The silo's own settings, bound from the <c>GitOps</c> section.</summary>
public sealed class SiloOptions
{
    public const string SectionName = "GitOps";
    public const string ConnectionStringName = "GitOps";
    public const int DefaultSimulatedNodes = 3;
    public const string DefaultDataDirectory = ".gitops-data";

    /// <summary><c>GitOps:Storage:Provider</c>: Memory (the embedded default) or PostgreSql.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>
    /// <c>GitOps:SimulatedNodes</c>: how many simulated nodes the silo hosts in-process, so the
    /// embedded default can run pods without a separate node agent. 0 turns the fleet off.
    /// </summary>
    public int SimulatedNodes { get; set; } = DefaultSimulatedNodes;

    /// <summary>
    /// <c>GitOps:DataDirectory</c>: where the silo keeps what it generates on first start and reuses after: the admin token
    /// file and kubeconfig (when GitOps:Auth:TokenFile is not set) and the key that signs ServiceAccount tokens (when
    /// GitOps:Auth:ServiceAccountKeyFile is not set). A relative path is taken from the working directory.
    /// </summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary><c>GitOps:Example</c>: the example source a silo runs when no source is configured.</summary>
    public ExampleOptions Example { get; set; } = new();
}

public sealed class StorageOptions
{
    public StorageProvider Provider { get; set; } = StorageProvider.Memory;
}
