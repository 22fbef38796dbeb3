using GitOps.Grains.Controllers.Nodes;
using GitOps.Model.Kinds;
using static GitOps.Grains.Tests.Support.ControllerObjects;

namespace GitOps.Grains.Tests.Nodes;

public sealed class NodeLifecycleDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(40);

    [Fact]
    public void A_node_silent_past_the_grace_period_becomes_Unknown_and_is_tainted_unreachable()
    {
        var decision = NodeLifecycleDecision.Decide(Node("n1"), Now - TimeSpan.FromSeconds(41), Now, Grace);

        Assert.Equal(NodeHealth.Unreachable, decision.Health);
        Assert.True(decision.MarkReadyUnknown);
        Assert.Equal(
            [$"{TaintKeys.Unreachable}:{TaintEffects.NoSchedule}", $"{TaintKeys.Unreachable}:{TaintEffects.NoExecute}"],
            decision.NewTaints!.Select(t => t.ToString()));
        Assert.Equal(Now, decision.NoExecuteTaint!.TimeAdded);
    }

    [Fact]
    public void A_node_heard_from_within_the_grace_period_is_left_alone()
    {
        var decision = NodeLifecycleDecision.Decide(Node("n1"), Now - TimeSpan.FromSeconds(39), Now, Grace);

        Assert.Equal(NodeHealth.Ready, decision.Health);
        Assert.False(decision.ChangesNode);
        Assert.Null(decision.NoExecuteTaint);
    }

    [Fact]
    public void A_node_reporting_NotReady_gets_the_not_ready_taints()
    {
        var decision = NodeLifecycleDecision.Decide(Node("n1", ready: false), Now, Now, Grace);

        Assert.Equal(NodeHealth.NotReady, decision.Health);
        Assert.False(decision.MarkReadyUnknown);
        Assert.All(decision.NewTaints!, t => Assert.Equal(TaintKeys.NotReady, t.Key));
    }

    [Fact]
    public void An_already_tainted_silent_node_keeps_its_taint_and_the_time_it_was_added()
    {
        var added = Now - TimeSpan.FromMinutes(3);
        var node = Node("n1", taints:
        [
            new Taint(TaintKeys.Unreachable, null, TaintEffects.NoSchedule),
            new Taint(TaintKeys.Unreachable, null, TaintEffects.NoExecute, added),
        ]);
        node.SetCondition(new Condition(NodeConditionTypes.Ready, ConditionStatus.Unknown), Now);

        var decision = NodeLifecycleDecision.Decide(node, Now - TimeSpan.FromMinutes(4), Now, Grace);

        Assert.False(decision.ChangesNode);
        Assert.Equal(added, decision.NoExecuteTaint!.TimeAdded);
    }

    [Fact]
    public void A_returning_node_that_reports_Ready_loses_the_lifecycle_taints_but_keeps_others()
    {
        var node = Node("n1", taints:
        [
            new Taint("dedicated", "gpu", TaintEffects.NoSchedule),
            new Taint(TaintKeys.Unreachable, null, TaintEffects.NoSchedule),
            new Taint(TaintKeys.Unreachable, null, TaintEffects.NoExecute, Now),
        ]);

        var decision = NodeLifecycleDecision.Decide(node, Now, Now, Grace);

        Assert.Equal(NodeHealth.Ready, decision.Health);
        Assert.Equal(["dedicated=gpu:NoSchedule"], decision.NewTaints!.Select(t => t.ToString()));
        Assert.Null(decision.NoExecuteTaint);
    }

    [Fact]
    public void Pods_are_evicted_after_the_timeout_unless_they_tolerate_the_taint()
    {
        var taint = new Taint(TaintKeys.Unreachable, null, TaintEffects.NoExecute, Now);
        var timeout = TimeSpan.FromMinutes(5);

        Assert.Equal(Now + timeout, NodeLifecycleDecision.EvictionDueAt(taint, [], timeout, Now));
        Assert.Null(NodeLifecycleDecision.EvictionDueAt(taint, [new Toleration(TaintKeys.Unreachable, Toleration.OperatorExists, null, TaintEffects.NoExecute)], timeout, Now));
        Assert.Equal(Now + TimeSpan.FromSeconds(30), NodeLifecycleDecision.EvictionDueAt(taint,
            [new Toleration(TaintKeys.Unreachable, Toleration.OperatorExists, null, TaintEffects.NoExecute, TolerationSeconds: 30)], timeout, Now));
    }

    [Fact]
    public void Heartbeats_count_only_when_the_lease_or_ready_heartbeat_moves_forward()
    {
        var heartbeats = new NodeHeartbeats();
        var renew = Now - TimeSpan.FromHours(1);
        heartbeats.ObserveLease("n1", renew, Now);
        heartbeats.ObserveLease("n1", renew, Now + TimeSpan.FromMinutes(1));
        Assert.Equal(Now, heartbeats.LastHeardFrom("n1"));

        heartbeats.ObserveReady("n1", renew + TimeSpan.FromSeconds(10), Now + TimeSpan.FromMinutes(2));
        Assert.Equal(Now + TimeSpan.FromMinutes(2), heartbeats.LastHeardFrom("n1"));
        Assert.Null(heartbeats.LastHeardFrom("n2"));
    }
}
