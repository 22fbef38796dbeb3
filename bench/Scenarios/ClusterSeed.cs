using GitOps.Grains.Resources;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Model.Quantities;
using Orleans;

namespace GitOps.Bench.Scenarios;

/// <summary>Writing the objects a reconciliation scenario starts from, through their resource grains as in production.</summary>
internal static class ClusterSeed
{
    public static async Task CreateAsync(IGrainFactory grains, KubeObject obj, CancellationToken cancellationToken)
    {
        var result = await grains.GetGrain<IResourceGrain>(ResourceKey.Of(obj).ToString()).CreateAsync(obj, cancellationToken);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Creating {obj} failed: {result.Outcome} {result.Message}");
    }

    /// <summary>Runs <paramref name="operation"/> for 0..count-1 on <paramref name="callers"/> concurrent callers.</summary>
    public static async Task ForEachAsync(int count, int callers, Func<int, Task> operation)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(callers, count)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                await operation(i);
        })));
    }

    /// <summary>A Ready node with the given capacity (and as much allocatable), labelled with its hostname.</summary>
    public static Node ReadyNode(string name, string cpu, string memory, int pods)
    {
        var node = Node.Create(name);
        node.Metadata.SetLabel(WellKnownLabels.Hostname, name);
        var resources = new Dictionary<string, Quantity>
        {
            [ResourceNames.Cpu] = Quantity.Parse(cpu),
            [ResourceNames.Memory] = Quantity.Parse(memory),
            [ResourceNames.Pods] = Quantity.FromUnits(pods),
        };
        node.Capacity = resources;
        node.Allocatable = resources;
        var now = DateTimeOffset.UtcNow;
        node.SetCondition(new Condition(NodeConditionTypes.Ready, ConditionStatus.True, "KubeletReady", LastHeartbeatTime: now), now);
        return node;
    }
}
