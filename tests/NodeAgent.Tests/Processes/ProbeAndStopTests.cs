using GitOps.NodeAgent.Pods.Status;
using static GitOps.NodeAgent.Tests.Processes.ProcessPodHarness;

namespace GitOps.NodeAgent.Tests.Processes;

public sealed class ProbeAndStopTests
{
    [Fact]
    public async Task Exec_readiness_probe_keeps_the_container_unready_until_it_succeeds()
    {
        await using var pod = new ProcessPodHarness("""
            {"containers":[{"name":"web","image":"busybox","command":["sh","-c","sleep 1.5; touch ready; sleep 60"],
              "readinessProbe":{"exec":{"command":["test","-f","ready"]},"periodSeconds":1,"failureThreshold":1}}]}
            """).Start();

        var unready = await pod.WaitForAsync(s => s.ContainerStatuses[0].State.IsRunning, "running");
        Assert.False(unready.ContainerStatuses[0].Ready);
        Assert.False(unready.ContainersReady);

        var ready = await pod.WaitForAsync(s => s.ContainersReady, "ready");
        Assert.True(ready.ContainerStatuses[0].Ready);
        Assert.True(File.Exists(pod.SandboxFile("ready")));

        File.Delete(pod.SandboxFile("ready"));
        var unreadyAgain = await pod.WaitForAsync(s => s != ready && pod.History.SkipWhile(h => h != ready).Contains(s) && !s.ContainersReady, "unready after the file went");
        Assert.True(unreadyAgain.ContainerStatuses[0].State.IsRunning);
    }

    [Fact]
    public async Task Failing_liveness_probe_restarts_the_container()
    {
        await using var pod = new ProcessPodHarness("""
            {"terminationGracePeriodSeconds":1,
             "containers":[{"name":"main","image":"busybox","command":["sleep","60"],
              "livenessProbe":{"exec":{"command":["false"]},"periodSeconds":1,"failureThreshold":2}}]}
            """).Start();

        var restarted = await pod.WaitForAsync(s => s.ContainerStatuses[0].RestartCount >= 1, "a restart after liveness failures");

        Assert.True(restarted.ContainerStatuses[0].LastState?.IsTerminated, Describe(restarted));
    }

    [Fact]
    public async Task Startup_probe_holds_back_readiness_until_it_passes()
    {
        await using var pod = new ProcessPodHarness("""
            {"containers":[{"name":"main","image":"busybox","command":["sh","-c","sleep 1.5; touch started; sleep 60"],
              "startupProbe":{"exec":{"command":["test","-f","started"]},"periodSeconds":1,"failureThreshold":30}}]}
            """).Start();

        var starting = await pod.WaitForAsync(s => s.ContainerStatuses[0].State.IsRunning, "running");
        Assert.False(starting.ContainerStatuses[0].Started);
        Assert.False(starting.ContainersReady);

        var started = await pod.WaitForAsync(s => s.ContainersReady, "ready after the startup probe");
        Assert.True(started.ContainerStatuses[0].Started);
    }

    [Fact]
    public async Task PreStop_hook_runs_before_the_stop_and_a_process_ignoring_SIGTERM_is_killed_after_the_grace_period()
    {
        await using var pod = new ProcessPodHarness("""
            {"containers":[{"name":"stubborn","image":"busybox","command":["sh","-c","trap '' TERM; sleep 60"],
              "lifecycle":{"preStop":{"exec":{"command":["sh","-c","echo drained > $HOME/prestop"]}}}}]}
            """).Start();
        await pod.WaitForAsync(s => s.Phase == PodStatusSnapshot.Running && s.ContainersReady, "Running");

        await pod.DeleteAsync(TimeSpan.FromSeconds(1));

        Assert.Equal("drained", File.ReadAllText(pod.SandboxFile("prestop")).Trim());
        var stopped = pod.Latest.ContainerStatuses[0];
        Assert.True(stopped.State.IsTerminated, Describe(pod.Latest));
        Assert.Equal(128 + 9, stopped.State.ExitCode);
    }
}
