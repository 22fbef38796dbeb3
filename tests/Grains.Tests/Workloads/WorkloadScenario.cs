using GitOps.Grains.Resources;
using GitOps.Grains.Tests.Support;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Tests.Workloads;

/// <summary>A Deployment driven through resource grains as GitSync would, with nodes for the scheduler and a simulated kubelet.</summary>
internal sealed class WorkloadScenario(ControllerTestHost host) : IAsyncDisposable
{
    public static readonly ResourceType DeploymentType = new("apps", Deployment.Kind);
    public static readonly ResourceType ReplicaSetType = new("apps", ReplicaSet.Kind);

    public ControllerTestHost Host { get; } = host;

    public SimulatedKubelet Kubelet { get; } = new(host);

    public static async Task<WorkloadScenario> StartAsync(string? postgres = null, int nodes = 2)
    {
        var host = await ControllerTestHost.StartAsync(postgres: postgres);
        var scenario = new WorkloadScenario(host);
        await scenario.AddNodesAsync(nodes);
        return scenario;
    }

    public async Task AddNodesAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var key = new ResourceKey("", Node.Kind, "", $"node-{i}");
            if (await Host.GetAsync(key) is null)
                await Host.CreateAsync(ControllerObjects.Node($"node-{i}", cpu: "64", memory: "256Gi", pods: 500).Object);
        }
    }

    /// <summary>Creates the Deployment or replaces its spec, as an apply from Git does.</summary>
    public async Task<KubeObject> ApplyAsync(KubeObject deployment)
    {
        var key = ResourceKey.Of(deployment);
        var grain = Host.Grain(key);
        var stored = await Host.GetAsync(key);
        if (stored is null)
            return await Host.CreateAsync(deployment);
        var result = await grain.ApplyDesiredAsync(new DesiredObject(deployment, "apps", "file:///repo", "web.yaml", "c0ffee"), CancellationToken.None);
        Assert.True(result.Succeeded, $"applying {deployment} failed: {result.Outcome} {result.Message}");
        return result.Object!;
    }

    public async Task<Deployment> DeploymentAsync(string name = "web") =>
        new((await Host.GetAsync(new ResourceKey("apps", Deployment.Kind, "default", name)))!);

    public async Task<IReadOnlyList<ReplicaSet>> ReplicaSetsAsync()
    {
        var page = await Host.Store.ListAsync(new ListQuery(ReplicaSetType, "default"), CancellationToken.None);
        return page.Items.Select(r => new ReplicaSet(r)).ToArray();
    }

    /// <summary>Waits until the Deployment reports every replica updated, available and observed.</summary>
    public async Task<Deployment> WaitForCompleteAsync(int replicas, string name = "web") =>
        new(await ControllerTestHost.EventuallyAsync(async () => (await DeploymentAsync(name)).Object, o => new Deployment(o) is var d &&
            d.ObservedGeneration >= d.Metadata.Generation && d.UpdatedReplicas == replicas && d.StatusReplicas == replicas
            && d.AvailableReplicas == replicas
            && d.GetCondition(DeploymentConditionTypes.Progressing)?.Reason == DeploymentConditionTypes.ReasonNewReplicaSetAvailable,
            $"Deployment {name} completes its rollout of {replicas} replicas"));

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
