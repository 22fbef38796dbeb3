using GitOps.Model.Quantities;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Hosting;
using GitOps.NodeAgent.Nodes;

namespace GitOps.NodeAgent.Simulated;

/// <summary>A fleet of simulated nodes served by one process: how many, their names and capacity, and how their pods behave.</summary>
public sealed class SimulatedFleetOptions
{
    public const int DefaultNodeCount = 3;
    public const string DefaultNamePrefix = "sim-node";
    public const string DefaultCpu = "4";
    public const string DefaultMemory = "16Gi";
    public const int DefaultPodsPerNode = 110;
    public const string DefaultInstanceType = "simulated.large";
    public const string DefaultPodNetwork = "10.0.0.0";
    public const string DefaultNodeNetwork = "172.16.0.0";
    public const int MaxNodeCount = 65_000;

    /// <summary>
    /// The API servers' base URLs (the silos of one cluster), used one at a time in this order: the
    /// fleet moves to the next when the one it talks to fails. The silo hosting a fleet points it at itself.
    /// </summary>
    public IReadOnlyList<Uri> Servers { get; set; } = [];

    /// <summary>A single API server: setting it sets <see cref="Servers"/> to that one; reading it gives the first, or null.</summary>
    public Uri? Server
    {
        get => Servers.Count > 0 ? Servers[0] : null;
        set => Servers = value is null ? [] : [value];
    }

    public int NodeCount { get; set; } = DefaultNodeCount;

    /// <summary>Nodes are named <c>{NamePrefix}-1</c> ... <c>{NamePrefix}-{NodeCount}</c>.</summary>
    public string NamePrefix { get; set; } = DefaultNamePrefix;

    /// <summary>Each node's cpu capacity and allocatable, as a Kubernetes quantity ("4", "3500m").</summary>
    public string Cpu { get; set; } = DefaultCpu;

    /// <summary>Each node's memory capacity and allocatable, as a Kubernetes quantity ("16Gi").</summary>
    public string Memory { get; set; } = DefaultMemory;

    public int PodsPerNode { get; set; } = DefaultPodsPerNode;

    public string InstanceType { get; set; } = DefaultInstanceType;

    /// <summary>Extra labels of every node (they win over the well-known ones).</summary>
    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);

    public List<NodeTaint> Taints { get; set; } = [];

    public SimulatedPodOptions Pods { get; set; } = new();

    public AgentHostOptions Host { get; set; } = new();

    /// <summary>The bearer tokens the fleet sends: each node's own (as system:node:NAME) and one for the shared pod watch.</summary>
    public AgentCredentials Credentials { get; set; } = AgentCredentials.None;

    /// <summary>API requests in flight at once, across the whole fleet.</summary>
    public int MaxConcurrentRequests { get; set; } = Client.KubeClientOptions.DefaultMaxConcurrentRequests;

    /// <summary>Problems with these settings, each naming the command-line option; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var server in Servers)
        {
            if (!server.IsAbsoluteUri || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
                errors.Add($"--server '{server}' must be an absolute http:// or https:// URL.");
        }
        foreach (var duplicate in Servers.GroupBy(s => s).Where(g => g.Count() > 1))
            errors.Add($"--server '{duplicate.Key}' is given {duplicate.Count()} times; list each API server once.");
        if (NodeCount is < 1 or > MaxNodeCount)
            errors.Add($"--nodes is {NodeCount}; it must be from 1 to {MaxNodeCount}.");
        if (string.IsNullOrWhiteSpace(NamePrefix) || !NodeNames.IsValidPrefix(NamePrefix))
            errors.Add($"--name-prefix '{NamePrefix}' must be lower-case letters, digits and '-', starting with a letter or digit (a DNS-1123 label).");
        if (!Quantity.TryParse(Cpu, out var cpu, out var cpuError) || cpu.IsZero)
            errors.Add($"--cpu '{Cpu}' is not a positive quantity such as 4 or 3500m{(cpuError is null ? "" : $": {cpuError}")}.");
        if (!Quantity.TryParse(Memory, out var memory, out var memoryError) || memory.IsZero)
            errors.Add($"--memory '{Memory}' is not a positive quantity such as 16Gi{(memoryError is null ? "" : $": {memoryError}")}.");
        if (PodsPerNode is < 1 or > 4094)
            errors.Add($"--max-pods is {PodsPerNode}; it must be from 1 to 4094.");
        if (MaxConcurrentRequests < 1)
            errors.Add($"--max-concurrent-requests is {MaxConcurrentRequests}; it must be at least 1.");
        errors.AddRange(Pods.Validate());
        errors.AddRange(Host.Heartbeat.Validate("--"));
        return errors;
    }

    /// <summary>The templates of the fleet's nodes: names, capacity, a pod CIDR and an address each.</summary>
    public IReadOnlyList<NodeTemplate> NodeTemplates()
    {
        var prefixLength = PodAddressPool.PrefixLengthFor(PodsPerNode);
        return Enumerable.Range(1, NodeCount).Select(i => new NodeTemplate(
            $"{NamePrefix}-{i}",
            Cpu,
            Memory,
            PodsPerNode,
            PodAddressPool.Subnet(DefaultNodeNetwork, i, 32).Split('/')[0],
            PodAddressPool.Subnet(DefaultPodNetwork, i, prefixLength),
            InstanceType,
            "simulated",
            Labels,
            Taints)).ToArray();
    }
}
