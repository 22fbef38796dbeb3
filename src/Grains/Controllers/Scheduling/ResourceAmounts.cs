using GitOps.Model.Kinds;
using GitOps.Model.Quantities;

namespace GitOps.Grains.Controllers.Scheduling;

/// <summary>The resources the scheduler accounts for: cpu in millicores, memory in bytes, and a pod count.</summary>
public readonly record struct ResourceAmounts(long MilliCpu, long Memory, long Pods)
{
    /// <summary>Pods a node may run when its allocatable does not say (the kubelet's default maxPods).</summary>
    public const long DefaultMaxPods = 110;

    /// <summary>What the scheduler assumes for scoring when a pod requests no cpu (kube-scheduler's non-zero default).</summary>
    public const long DefaultMilliCpuRequest = 100;

    /// <summary>What the scheduler assumes for scoring when a pod requests no memory (200 MiB, as kube-scheduler).</summary>
    public const long DefaultMemoryRequest = 200L * 1024 * 1024;

    public static ResourceAmounts operator +(ResourceAmounts a, ResourceAmounts b) => new(a.MilliCpu + b.MilliCpu, a.Memory + b.Memory, a.Pods + b.Pods);

    public static ResourceAmounts operator -(ResourceAmounts a, ResourceAmounts b) => new(a.MilliCpu - b.MilliCpu, a.Memory - b.Memory, a.Pods - b.Pods);

    /// <summary>A node's allocatable: missing cpu or memory counts as none, a missing pod count as <see cref="DefaultMaxPods"/>.</summary>
    public static ResourceAmounts FromAllocatable(IReadOnlyDictionary<string, Quantity> allocatable) => new(
        allocatable.TryGetValue(ResourceNames.Cpu, out var cpu) ? cpu.MilliValue : 0,
        allocatable.TryGetValue(ResourceNames.Memory, out var memory) ? memory.Value : 0,
        allocatable.TryGetValue(ResourceNames.Pods, out var pods) ? pods.Value : DefaultMaxPods);

    /// <summary>One pod's requests (counting itself as one pod).</summary>
    public static ResourceAmounts FromRequests(IReadOnlyDictionary<string, Quantity> requests) => new(
        requests.TryGetValue(ResourceNames.Cpu, out var cpu) ? cpu.MilliValue : 0,
        requests.TryGetValue(ResourceNames.Memory, out var memory) ? memory.Value : 0,
        1);

    /// <summary>Requests with kube-scheduler's non-zero defaults, used for scoring only.</summary>
    public ResourceAmounts NonZero() => new(
        MilliCpu == 0 ? DefaultMilliCpuRequest : MilliCpu,
        Memory == 0 ? DefaultMemoryRequest : Memory,
        Pods);
}
