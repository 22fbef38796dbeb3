using GitOps.Grains.Controllers.Scheduling;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using static GitOps.Grains.Tests.Support.ControllerObjects;

namespace GitOps.Grains.Tests.Scheduling;

public sealed class UnconfirmedBindsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_bound_pod_waits_for_its_node_agent_before_the_scheduler_writes_PodScheduled()
    {
        var binds = new UnconfirmedBinds();
        Observe(binds, Bound("web-1", resourceVersion: 2), Now);

        Assert.Empty(binds.TakeDue(Now + UnconfirmedBinds.Grace - TimeSpan.FromMilliseconds(1)));
        Assert.Equal(Now + UnconfirmedBinds.Grace, binds.NextDue);
        var due = Assert.Single(binds.TakeDue(Now + UnconfirmedBinds.Grace));
        Assert.Equal("web-1", due.Metadata.Name);
        Assert.Equal(0, binds.Count);
    }

    [Fact]
    public void A_pod_whose_agent_reported_PodScheduled_is_never_written_by_the_scheduler()
    {
        var binds = new UnconfirmedBinds();
        Observe(binds, Bound("web-1", resourceVersion: 2), Now);

        var reported = Bound("web-1", resourceVersion: 3);
        reported.Phase = PodPhase.Running;
        reported.SetCondition(new Condition(PodConditionTypes.PodScheduled, ConditionStatus.True), Now);
        Observe(binds, reported, Now);

        Assert.Empty(binds.TakeDue(Now + UnconfirmedBinds.Grace));
        Assert.Null(binds.NextDue);
    }

    [Fact]
    public void A_pod_that_was_unschedulable_gets_PodScheduled_at_once()
    {
        var binds = new UnconfirmedBinds();
        var bound = Bound("big", resourceVersion: 5);
        bound.SetCondition(new Condition(PodConditionTypes.PodScheduled, ConditionStatus.False, PodConditionTypes.ReasonUnschedulable, "0/1 nodes are available"), Now);

        Observe(binds, bound, Now);

        Assert.Single(binds.TakeDue(Now));
    }

    [Fact]
    public void The_newest_version_seen_is_written_and_a_deleted_pod_is_forgotten()
    {
        var binds = new UnconfirmedBinds();
        Observe(binds, Bound("kept", resourceVersion: 2), Now);
        Observe(binds, Bound("deleted", resourceVersion: 3), Now);

        var newer = Bound("kept", resourceVersion: 7);
        newer.Metadata.SetLabel("changed", "yes");
        Observe(binds, newer, Now);
        Observe(binds, Bound("kept", resourceVersion: 4), Now);
        binds.Observe(ResourceKey.Of(Bound("deleted", resourceVersion: 3).Object), null, Now);

        var due = Assert.Single(binds.TakeDue(Now + UnconfirmedBinds.Grace));
        Assert.Equal("7", due.Metadata.ResourceVersion);
        Assert.Equal("yes", due.Metadata.Labels["changed"]);
    }

    [Fact]
    public void Unbound_pods_and_pods_of_another_scheduler_are_not_tracked()
    {
        var binds = new UnconfirmedBinds();
        var unbound = Pod("pending", cpu: "100m");
        var other = Bound("other", resourceVersion: 4);
        other.Spec.SchedulerName = "my-scheduler";

        Observe(binds, unbound, Now);
        Observe(binds, other, Now);

        Assert.Equal(0, binds.Count);
    }

    private static void Observe(UnconfirmedBinds binds, Pod pod, DateTimeOffset now) => binds.Observe(ResourceKey.Of(pod.Object), pod, now);

    private static Pod Bound(string name, long resourceVersion)
    {
        var pod = Pod(name, cpu: "100m", nodeName: "n1");
        pod.Metadata.ResourceVersion = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return pod;
    }
}
