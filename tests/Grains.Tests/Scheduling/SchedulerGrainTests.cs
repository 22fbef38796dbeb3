using GitOps.Grains.Tests.Support;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.TestSupport;
using static GitOps.Grains.Tests.Support.ControllerObjects;

namespace GitOps.Grains.Tests.Scheduling;

public sealed class SchedulerGrainTests
{
    [Fact]
    public async Task A_pending_pod_is_bound_with_PodScheduled_true_and_a_Scheduled_event()
    {
        await using var host = await ControllerTestHost.StartAsync();
        await host.CreateAsync(Node("n1").Object);

        await host.CreateAsync(Pod("web-1", cpu: "100m").Object);

        var pod = await WaitForPodAsync(host, "web-1", p => p.NodeName == "n1" && p.GetCondition(PodConditionTypes.PodScheduled)?.IsTrue == true);
        Assert.Equal(2, pod.Metadata.Generation);
        var scheduled = await WaitForEventAsync(host, "web-1", "Scheduled");
        Assert.Equal("Successfully assigned default/web-1 to n1", new Event(scheduled).Message);
        Assert.Equal("default-scheduler", new Event(scheduled).SourceComponent);
    }

    [Fact]
    public async Task A_pod_that_fits_nowhere_is_marked_Unschedulable_and_bound_once_a_node_joins()
    {
        await using var host = await ControllerTestHost.StartAsync();
        await host.CreateAsync(Node("small-1", cpu: "1").Object);
        await host.CreateAsync(Node("small-2", cpu: "1").Object);
        var gone = Node("gone", cpu: "8", taints:
            [new Taint(TaintKeys.Unreachable, null, TaintEffects.NoSchedule), new Taint(TaintKeys.Unreachable, null, TaintEffects.NoExecute, DateTimeOffset.UtcNow)]);
        gone.SetCondition(new Condition(NodeConditionTypes.Ready, ConditionStatus.Unknown, "NodeStatusUnknown"), DateTimeOffset.UtcNow);
        await host.CreateAsync(gone.Object);

        await host.CreateAsync(Pod("big", cpu: "2").Object);

        const string expected = "0/3 nodes are available: 2 Insufficient cpu, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }.";
        var pod = await WaitForPodAsync(host, "big", p => p.GetCondition(PodConditionTypes.PodScheduled) is { IsFalse: true });
        var condition = pod.GetCondition(PodConditionTypes.PodScheduled)!;
        Assert.Equal(PodConditionTypes.ReasonUnschedulable, condition.Reason);
        Assert.Equal(expected, condition.Message);
        Assert.True(string.IsNullOrEmpty(pod.NodeName));
        var failed = await WaitForEventAsync(host, "big", "FailedScheduling");
        Assert.Equal("Warning", new Event(failed).Type);
        Assert.Equal(expected, new Event(failed).Message);

        await host.CreateAsync(Node("large", cpu: "4").Object);

        await WaitForPodAsync(host, "big", p => p.NodeName == "large" && p.GetCondition(PodConditionTypes.PodScheduled)?.IsTrue == true);
    }

    [Fact]
    public async Task Two_hundred_pods_created_at_once_never_overcommit_three_small_nodes()
    {
        await using var host = await ControllerTestHost.StartAsync();
        foreach (var name in new[] { "n1", "n2", "n3" })
            await host.CreateAsync(Node(name, cpu: "1", memory: "1Gi").Object);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => host.CreateAsync(Pod($"p{i:000}", cpu: "100m", memory: "64Mi").Object)));

        var pods = await ControllerTestHost.EventuallyAsync(
            async () => (await host.ListAsync("", "Pod")).Select(o => new Pod(o)).ToArray(),
            all => all.Count(p => !string.IsNullOrEmpty(p.NodeName)) == 30
                && all.Count(p => p.GetCondition(PodConditionTypes.PodScheduled) is { IsFalse: true }) == 170,
            "30 pods are bound and 170 are unschedulable");
        foreach (var group in pods.Where(p => !string.IsNullOrEmpty(p.NodeName)).GroupBy(p => p.NodeName))
            Assert.Equal(10, group.Count());
        Assert.All(pods.Where(p => string.IsNullOrEmpty(p.NodeName)), p =>
            Assert.Equal("0/3 nodes are available: 3 Insufficient cpu.", p.GetCondition(PodConditionTypes.PodScheduled)!.Message));
    }

    [Fact]
    public async Task Pods_created_in_waves_while_binds_are_in_flight_never_overcommit_the_nodes()
    {
        await using var host = await ControllerTestHost.StartAsync();
        foreach (var name in new[] { "n1", "n2", "n3" })
            await host.CreateAsync(Node(name, cpu: "1", memory: "1Gi").Object);

        // Each wave lands while the scheduler is still binding the ones before it.
        for (var wave = 0; wave < 6; wave++)
        {
            var first = wave * 20;
            await Task.WhenAll(Enumerable.Range(first, 20).Select(i => host.CreateAsync(Pod($"p{i:000}", cpu: "100m", memory: "64Mi").Object)));
        }

        var pods = await ControllerTestHost.EventuallyAsync(
            async () => (await host.ListAsync("", "Pod")).Select(o => new Pod(o)).ToArray(),
            all => all.Count(p => !string.IsNullOrEmpty(p.NodeName)) == 30
                && all.Count(p => p.GetCondition(PodConditionTypes.PodScheduled) is { IsFalse: true }) == 90,
            "30 pods are bound and 90 are unschedulable");
        foreach (var group in pods.Where(p => !string.IsNullOrEmpty(p.NodeName)).GroupBy(p => p.NodeName))
            Assert.Equal(10, group.Count());
    }

    [Fact]
    public async Task Pods_of_one_replica_set_spread_over_the_nodes()
    {
        await using var host = await ControllerTestHost.StartAsync();
        foreach (var name in new[] { "n1", "n2", "n3" })
            await host.CreateAsync(Node(name).Object);
        // An owner that exists, so the garbage collector leaves its pods alone, and that no controller acts on.
        var ownerObject = await host.CreateAsync(new KubeObject("v1", "ConfigMap", "default", "web-owner"));
        var owner = new OwnerReference("v1", "ConfigMap", "web-owner", ownerObject.Metadata.Uid!, Controller: true);

        for (var i = 0; i < 6; i++)
            await host.CreateAsync(Pod($"web-{i}", cpu: "100m", owner: owner).Object);

        var pods = await ControllerTestHost.EventuallyAsync(
            async () => (await host.ListAsync("", "Pod")).Select(o => new Pod(o)).ToArray(),
            all => all.All(p => !string.IsNullOrEmpty(p.NodeName)),
            "all six pods are bound");
        Assert.Equal(6, pods.Length);
        Assert.All(pods.GroupBy(p => p.NodeName), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public async Task After_a_restart_on_PostgreSQL_the_scheduler_rebuilds_its_cache_and_still_never_overcommits()
    {
        var database = await PostgresServer.CreateDatabaseAsync("scheduler");
        await using (var first = await ControllerTestHost.StartAsync(postgres: database))
        {
            await first.CreateAsync(Node("n1", cpu: "1").Object);
            for (var i = 0; i < 6; i++)
                await first.CreateAsync(Pod($"before-{i}", cpu: "100m").Object);
            await ControllerTestHost.EventuallyAsync(
                async () => (await first.ListAsync("", "Pod")).Count(o => !string.IsNullOrEmpty(new Pod(o).NodeName)),
                bound => bound == 6, "the first six pods are bound");
        }

        await using var second = await ControllerTestHost.StartAsync(postgres: database);
        for (var i = 0; i < 6; i++)
            await second.CreateAsync(Pod($"after-{i}", cpu: "100m").Object);

        var pods = await ControllerTestHost.EventuallyAsync(
            async () => (await second.ListAsync("", "Pod")).Select(o => new Pod(o)).ToArray(),
            all => all.Count(p => p.GetCondition(PodConditionTypes.PodScheduled) is { IsFalse: true }) == 2,
            "two of the new pods are unschedulable");
        Assert.Equal(10, pods.Count(p => p.NodeName == "n1"));
    }

    private static async Task<Pod> WaitForPodAsync(ControllerTestHost host, string name, Func<Pod, bool> condition) =>
        new((await ControllerTestHost.EventuallyAsync(
            () => host.GetAsync(new ResourceKey("", "Pod", "default", name)),
            obj => obj is not null && condition(new Pod(obj)),
            $"pod {name} reaches the expected state"))!);

    internal static async Task<KubeObject> WaitForEventAsync(ControllerTestHost host, string involvedName, string reason) =>
        (await ControllerTestHost.EventuallyAsync(
            async () => (await host.ListAsync("", "Event")).FirstOrDefault(e => new Event(e).InvolvedObject?.Name == involvedName && new Event(e).Reason == reason),
            e => e is not null,
            $"an event {reason} about {involvedName} is recorded"))!;
}
