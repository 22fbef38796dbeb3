using GitOps.NodeAgent.Tests.Support;

namespace GitOps.NodeAgent.Tests.Processes;

public sealed class ContainerTimesTests
{
    private static readonly DateTimeOffset Start = new(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Fact]
    public async Task A_process_container_is_started_and_finished_at_the_agent_clock_times()
    {
        var clock = new ManualClock(Start);
        await using var pod = new ProcessPodHarness("""
            {"containers":[{"name":"main","image":"busybox","command":["sleep","60"]}]}
            """, time: clock).Start();

        var running = await pod.WaitForAsync(s => s.ContainerStatuses[0].State.IsRunning, "running");
        Assert.Equal(Start, running.StartTime);
        Assert.Equal(Start, running.ContainerStatuses[0].State.StartedAt);

        clock.Advance(TimeSpan.FromMinutes(5));
        await pod.DeleteAsync(TimeSpan.FromSeconds(5));

        var stopped = pod.Latest.ContainerStatuses[0].State;
        Assert.True(stopped.IsTerminated, ProcessPodHarness.Describe(pod.Latest));
        Assert.Equal(Start, stopped.StartedAt);
        Assert.Equal(Start.AddMinutes(5), stopped.FinishedAt);
        Assert.Equal("2031-05-06T07:13:09Z", stopped.ToJson()["terminated"]!["finishedAt"]!.GetValue<string>());
    }
}
