using GitOps.Grains.Controllers.Scheduling;
using static GitOps.Grains.Tests.Support.ControllerObjects;

namespace GitOps.Grains.Tests.Scheduling;

public sealed class SchedulingQueueTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_unschedulable_pod_waits_for_a_cluster_change_and_then_its_backoff()
    {
        var queue = new SchedulingQueue();
        queue.Upsert(Pod("p"));
        Assert.True(queue.TryPop(out var pending));
        queue.MarkUnschedulable(pending, Now);

        queue.Upsert(Pod("p"));
        Assert.Equal(0, queue.ActiveCount);
        Assert.Equal(Now + SchedulingQueue.UnschedulableRetryPeriod, queue.ActivateDue(Now));

        queue.RetryUnschedulable();
        Assert.Equal(Now + TimeSpan.FromSeconds(1), queue.ActivateDue(Now));
        Assert.Null(queue.ActivateDue(Now + TimeSpan.FromSeconds(1)));
        Assert.Equal(1, queue.ActiveCount);
    }

    [Fact]
    public void A_new_generation_of_an_unschedulable_pod_is_tried_at_once()
    {
        var queue = new SchedulingQueue();
        queue.Upsert(Pod("p"));
        queue.TryPop(out var pending);
        queue.MarkUnschedulable(pending, Now);

        var changed = Pod("p");
        changed.Metadata.Generation = pending.Generation + 1;
        queue.Upsert(changed);

        Assert.Equal(1, queue.ActiveCount);
    }

    [Fact]
    public void A_pod_whose_bind_failed_is_retried_after_its_backoff()
    {
        var queue = new SchedulingQueue();
        queue.Upsert(Pod("p"));
        queue.TryPop(out var pending);

        queue.RetryLater(pending, Now);

        Assert.Equal(0, queue.ActiveCount);
        queue.ActivateDue(Now + SchedulingQueue.Backoff(1));
        Assert.True(queue.TryPop(out var again));
        Assert.Equal("p", again.Pod.Name);
    }

    [Fact]
    public void Backoff_doubles_from_one_second_up_to_ten()
    {
        Assert.Equal([1, 2, 4, 8, 10, 10], new[] { 1, 2, 3, 4, 5, 9 }.Select(a => SchedulingQueue.Backoff(a).TotalSeconds));
    }
}
