using GitOps.Grains.Tests.Scheduling;
using GitOps.Grains.Tests.Support;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using static GitOps.Grains.Tests.Support.ControllerObjects;

namespace GitOps.Grains.Tests.Nodes;

public sealed class NodeLifecycleGrainTests
{
    [Fact]
    public async Task A_node_that_stops_heartbeating_is_marked_Unknown_tainted_and_evicted_and_becomes_Ready_when_it_returns()
    {
        await using var host = await ControllerTestHost.StartAsync(o =>
        {
            o.NodeGracePeriod = TimeSpan.FromSeconds(2);
            o.NodeMonitorPeriod = TimeSpan.FromSeconds(1);
            o.PodEvictionTimeout = TimeSpan.FromSeconds(2);
        });
        using var stop = new CancellationTokenSource();
        await host.CreateAsync(Node("healthy").Object);
        await host.CreateAsync(Node("failing").Object);
        await host.CreateAsync(Lease("healthy").Object);
        await host.CreateAsync(Lease("failing").Object);
        var heartbeat = RenewLeaseUntilCancelledAsync(host, "healthy", stop.Token);
        await host.CreateAsync(Pod("on-failing", nodeName: "failing").Object);
        await host.CreateAsync(Pod("tolerant", nodeName: "failing", tolerations: [new Toleration(TaintKeys.Unreachable, Toleration.OperatorExists, null, TaintEffects.NoExecute)]).Object);
        await host.CreateAsync(Pod("on-healthy", nodeName: "healthy").Object);

        var failing = await WaitForNodeAsync(host, "failing", n => n.Taints.Count(t => t.Key == TaintKeys.Unreachable) == 2);
        Assert.Equal(ConditionStatus.Unknown, failing.GetCondition(NodeConditionTypes.Ready)!.Status);
        Assert.Equal("NodeStatusUnknown", failing.GetCondition(NodeConditionTypes.Ready)!.Reason);
        await SchedulerGrainTests.WaitForEventAsync(host, "failing", "NodeNotReady");

        await ControllerTestHost.EventuallyAsync(() => host.GetAsync(PodKey("on-failing")), pod => pod is null, "the pod on the failing node is evicted");
        Assert.NotNull(await host.GetAsync(PodKey("tolerant")));
        Assert.NotNull(await host.GetAsync(PodKey("on-healthy")));
        var healthy = new Node((await host.GetAsync(NodeKey("healthy")))!);
        Assert.True(healthy.IsReady);
        Assert.Empty(healthy.Taints);

        var returning = new Node(failing.Object.DeepClone());
        returning.SetCondition(new Condition(NodeConditionTypes.Ready, ConditionStatus.True, "KubeletReady", LastHeartbeatTime: DateTimeOffset.UtcNow), DateTimeOffset.UtcNow);
        var posted = await host.Grain(NodeKey("failing")).UpdateStatusAsync(returning.Object, CancellationToken.None);
        Assert.True(posted.Succeeded, posted.Message);

        var back = await WaitForNodeAsync(host, "failing", n => n.Taints.Count == 0);
        Assert.True(back.IsReady);
        await SchedulerGrainTests.WaitForEventAsync(host, "failing", "NodeReady");
        await stop.CancelAsync();
        await heartbeat;
    }

    [Fact]
    public async Task Pods_evicted_from_a_failed_node_are_recreated_by_their_ReplicaSet_on_a_healthy_node()
    {
        await using var host = await ControllerTestHost.StartAsync(o =>
        {
            o.NodeGracePeriod = TimeSpan.FromSeconds(2);
            o.NodeMonitorPeriod = TimeSpan.FromSeconds(1);
            o.PodEvictionTimeout = TimeSpan.FromSeconds(1);
        });
        using var stopHealthy = new CancellationTokenSource();
        using var stopFailing = new CancellationTokenSource();
        foreach (var name in new[] { "healthy", "failing" })
        {
            await host.CreateAsync(Node(name).Object);
            await host.CreateAsync(Lease(name).Object);
        }
        var healthyBeat = RenewLeaseUntilCancelledAsync(host, "healthy", stopHealthy.Token);
        var failingBeat = RenewLeaseUntilCancelledAsync(host, "failing", stopFailing.Token);

        var rs = ReplicaSet.Create("default", "web");
        rs.Replicas = 4;
        rs.Object.EnsureSpec()["selector"] = new System.Text.Json.Nodes.JsonObject { ["matchLabels"] = new System.Text.Json.Nodes.JsonObject { ["app"] = "web" } };
        rs.Template.Metadata.SetLabel("app", "web");
        rs.Template.Spec.AddContainer("web", "registry.example/web:1");
        await host.CreateAsync(rs.Object);
        var placed = await ControllerTestHost.EventuallyAsync(
            async () => (await host.ListAsync("", "Pod")).Select(o => new Pod(o)).ToArray(),
            pods => pods.Length == 4 && pods.All(p => !string.IsNullOrEmpty(p.NodeName)),
            "the ReplicaSet's four pods are bound");
        var lost = placed.Where(p => p.NodeName == "failing").Select(p => p.Name).ToArray();
        Assert.NotEmpty(lost);

        await stopFailing.CancelAsync();
        await failingBeat;

        var replaced = await ControllerTestHost.EventuallyAsync(
            async () => (await host.ListAsync("", "Pod")).Select(o => new Pod(o)).ToArray(),
            pods => pods.Length == 4 && pods.All(p => p.NodeName == "healthy"),
            "four pods run on the healthy node",
            TimeSpan.FromSeconds(30));
        Assert.Empty(replaced.Select(p => p.Name).Intersect(lost));
        await stopHealthy.CancelAsync();
        await healthyBeat;
    }

    private static Lease Lease(string node)
    {
        var lease = Model.Kinds.Lease.Create("kube-node-lease", node);
        lease.HolderIdentity = node;
        lease.LeaseDurationSeconds = 40;
        lease.RenewTime = DateTimeOffset.UtcNow;
        return lease;
    }

    private static async Task RenewLeaseUntilCancelledAsync(ControllerTestHost host, string node, CancellationToken cancellationToken)
    {
        var key = new ResourceKey("coordination.k8s.io", "Lease", "kube-node-lease", node);
        while (!cancellationToken.IsCancellationRequested)
        {
            var lease = Lease(node);
            await host.Grain(key).UpdateAsync(lease.Object, CancellationToken.None);
            await Task.Delay(200, CancellationToken.None);
        }
    }

    private static async Task<Node> WaitForNodeAsync(ControllerTestHost host, string name, Func<Node, bool> condition) =>
        new((await ControllerTestHost.EventuallyAsync(
            () => host.GetAsync(NodeKey(name)),
            obj => obj is not null && condition(new Node(obj)),
            $"node {name} reaches the expected state"))!);

    private static ResourceKey NodeKey(string name) => new("", "Node", "", name);

    private static ResourceKey PodKey(string name) => new("", "Pod", "default", name);
}
