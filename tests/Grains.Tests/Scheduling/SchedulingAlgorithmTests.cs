using GitOps.Grains.Controllers.Scheduling;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using static GitOps.Grains.Tests.Support.ControllerObjects;

namespace GitOps.Grains.Tests.Scheduling;

public sealed class SchedulingAlgorithmTests
{
    [Fact]
    public void Least_allocated_node_wins()
    {
        var cache = new SchedulerCache();
        cache.ApplyNode("busy", Node("busy", cpu: "4", memory: "8Gi"));
        cache.ApplyNode("idle", Node("idle", cpu: "4", memory: "8Gi"));
        cache.ApplyPod(Key("placed"), Pod("placed", cpu: "3", memory: "6Gi", nodeName: "busy"));

        var decision = new SchedulingAlgorithm().Schedule(PodRequirements.From(Pod("p", cpu: "500m", memory: "1Gi")), cache.Nodes);

        Assert.Equal("idle", decision.NodeName);
    }

    [Fact]
    public void Balanced_score_prefers_using_cpu_and_memory_evenly()
    {
        var cache = new SchedulerCache();
        cache.ApplyNode("n1", Node("n1", cpu: "4", memory: "4Gi"));
        var balanced = cache.FindNode("n1")!;
        var pod = PodRequirements.From(Pod("p", cpu: "2", memory: "2Gi"));
        var skewed = PodRequirements.From(Pod("q", cpu: "2", memory: "200Mi"));

        Assert.Equal(100, SchedulingScores.Balanced(pod, balanced));
        Assert.True(SchedulingScores.Balanced(skewed, balanced) < 100);
    }

    [Fact]
    public void Pods_of_one_owner_spread_across_equal_nodes()
    {
        var cache = new SchedulerCache();
        foreach (var name in new[] { "n1", "n2", "n3" })
            cache.ApplyNode(name, Node(name, cpu: "64", memory: "256Gi"));
        var algorithm = new SchedulingAlgorithm();
        var owner = ReplicaSetOwner("rs-uid");

        var placed = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var pod = PodRequirements.From(Pod($"p{i}", cpu: "100m", memory: "100Mi", owner: owner));
            var node = algorithm.Schedule(pod, cache.Nodes).NodeName!;
            cache.Assume(pod, node);
            placed.Add(node);
        }

        Assert.All(new[] { "n1", "n2", "n3" }, n => Assert.Equal(2, placed.Count(p => p == n)));
    }

    [Fact]
    public void Unschedulable_message_counts_reasons_most_frequent_first()
    {
        var cache = new SchedulerCache();
        cache.ApplyNode("small-1", Node("small-1", cpu: "1"));
        cache.ApplyNode("small-2", Node("small-2", cpu: "1"));
        cache.ApplyNode("gone", Node("gone", cpu: "8", ready: false, taints:
        [
            new Taint(TaintKeys.Unreachable, null, TaintEffects.NoSchedule),
            new Taint(TaintKeys.Unreachable, null, TaintEffects.NoExecute, DateTimeOffset.UtcNow),
        ]));

        var decision = new SchedulingAlgorithm().Schedule(PodRequirements.From(Pod("p", cpu: "2")), cache.Nodes);

        Assert.False(decision.Scheduled);
        Assert.Equal("0/3 nodes are available: 2 Insufficient cpu, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }.", decision.Message);
    }

    [Fact]
    public void No_nodes_at_all_is_explained()
    {
        var decision = new SchedulingAlgorithm().Schedule(PodRequirements.From(Pod("p")), []);

        Assert.Equal("no nodes available to schedule pods", decision.Message);
    }

    [Theory]
    [InlineData(50, 50)]
    [InlineData(1000, 420)]
    [InlineData(5000, 500)]
    [InlineData(10000, 500)]
    public void Large_clusters_score_a_sample_of_feasible_nodes_as_kube_scheduler_does(int nodes, int expected)
    {
        Assert.Equal(expected, new SchedulingAlgorithm().FeasibleNodesToFind(nodes));
    }

    [Fact]
    public void Sampling_rotates_through_the_cluster_so_every_node_gets_pods()
    {
        var cache = new SchedulerCache();
        for (var i = 0; i < 1000; i++)
            cache.ApplyNode($"n{i}", Node($"n{i}", cpu: "64", memory: "256Gi"));
        var algorithm = new SchedulingAlgorithm();

        var used = new Dictionary<string, int>();
        for (var i = 0; i < 3000; i++)
        {
            var pod = PodRequirements.From(Pod($"p{i}", cpu: "10m", memory: "10Mi"));
            var node = algorithm.Schedule(pod, cache.Nodes).NodeName!;
            cache.Assume(pod, node);
            used[node] = used.GetValueOrDefault(node) + 1;
        }

        // Equal nodes: without rotation and random tie-breaks the same few nodes would take every pod.
        Assert.True(used.Count > 900, $"only {used.Count} of 1000 nodes got pods");
        Assert.True(used.Values.Max() <= 12, $"one node got {used.Values.Max()} of 3000 pods");
    }

    private static ResourceKey Key(string pod) => new("", "Pod", "default", pod);
}
