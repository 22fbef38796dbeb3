using GitOps.Grains.Controllers.Scheduling;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using static GitOps.Grains.Tests.Support.ControllerObjects;

namespace GitOps.Grains.Tests.Scheduling;

public sealed class SchedulerCacheTests
{
    [Fact]
    public void Assumed_pods_count_at_once_so_decisions_in_one_batch_never_overcommit()
    {
        var cache = new SchedulerCache();
        cache.ApplyNode("n1", Node("n1", cpu: "1", memory: "1Gi"));
        var algorithm = new SchedulingAlgorithm();

        var bound = 0;
        for (var i = 0; i < 10; i++)
        {
            var pod = PodRequirements.From(Pod($"p{i}", cpu: "300m"));
            if (algorithm.Schedule(pod, cache.Nodes).NodeName is { } node)
            {
                cache.Assume(pod, node);
                bound++;
            }
        }

        Assert.Equal(3, bound);
        Assert.Equal(900, cache.FindNode("n1")!.Requested.MilliCpu);
    }

    [Fact]
    public void A_failed_bind_is_forgotten_and_frees_the_node()
    {
        var cache = new SchedulerCache();
        cache.ApplyNode("n1", Node("n1", cpu: "1"));
        var pod = PodRequirements.From(Pod("p", cpu: "1"));
        cache.Assume(pod, "n1");

        cache.Forget(pod.Key);

        Assert.Equal(0, cache.FindNode("n1")!.Requested.MilliCpu);
        Assert.Null(cache.NodeOf(pod.Key));
    }

    [Fact]
    public void An_older_unbound_version_does_not_undo_an_assumption()
    {
        var cache = new SchedulerCache();
        cache.ApplyNode("n1", Node("n1", cpu: "1"));
        var pending = Pod("p", cpu: "1");
        cache.Assume(PodRequirements.From(pending), "n1");

        cache.ApplyPod(Key("p"), pending);

        Assert.Equal("n1", cache.NodeOf(Key("p")));
        Assert.Equal(1000, cache.FindNode("n1")!.Requested.MilliCpu);
    }

    [Fact]
    public void A_confirmed_bind_replaces_the_assumption_and_is_not_forgotten()
    {
        var cache = new SchedulerCache();
        cache.ApplyNode("n1", Node("n1", cpu: "1"));
        cache.Assume(PodRequirements.From(Pod("p", cpu: "1")), "n1");

        cache.ApplyPod(Key("p"), Pod("p", cpu: "1", nodeName: "n1"));
        cache.Forget(Key("p"));

        Assert.False(cache.IsAssumed(Key("p")));
        Assert.Equal(1000, cache.FindNode("n1")!.Requested.MilliCpu);
    }

    [Fact]
    public void Deleted_and_finished_pods_free_their_resources()
    {
        var cache = new SchedulerCache();
        cache.ApplyNode("n1", Node("n1", cpu: "2"));
        cache.ApplyPod(Key("a"), Pod("a", cpu: "1", nodeName: "n1"));
        var finished = Pod("b", cpu: "1", nodeName: "n1");
        cache.ApplyPod(Key("b"), finished);

        Assert.True(cache.ApplyPod(Key("a"), null));
        finished.Phase = PodPhase.Succeeded;
        Assert.True(cache.ApplyPod(Key("b"), finished));
        Assert.Equal(0, cache.FindNode("n1")!.Requested.MilliCpu);
    }

    [Fact]
    public void Heartbeats_are_not_relevant_changes_but_taints_are()
    {
        var cache = new SchedulerCache();
        Assert.True(cache.ApplyNode("n1", Node("n1", heartbeat: DateTimeOffset.UtcNow)));

        Assert.False(cache.ApplyNode("n1", Node("n1", heartbeat: DateTimeOffset.UtcNow.AddSeconds(10))));
        Assert.True(cache.ApplyNode("n1", Node("n1", taints: [new Taint("k", "v", TaintEffects.NoSchedule)])));
    }

    private static ResourceKey Key(string pod) => new("", "Pod", "default", pod);
}
