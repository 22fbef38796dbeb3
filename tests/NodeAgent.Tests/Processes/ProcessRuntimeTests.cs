using GitOps.NodeAgent.Pods.Status;
using static GitOps.NodeAgent.Tests.Processes.ProcessPodHarness;

namespace GitOps.NodeAgent.Tests.Processes;

public sealed class ProcessRuntimeTests
{
    [Fact]
    public async Task Sleep_container_runs_and_a_deletion_stops_it_with_SIGTERM()
    {
        await using var pod = new ProcessPodHarness("""{"containers":[{"name":"main","image":"busybox","command":["sleep","60"]}]}""").Start();

        var running = await pod.WaitForAsync(s => s.Phase == PodStatusSnapshot.Running && s.ContainersReady, "Running and ready");
        Assert.True(running.ContainerStatuses[0].State.IsRunning);
        Assert.Equal("127.0.0.1", running.PodIp);
        Assert.True(running.Initialized);

        await pod.DeleteAsync(TimeSpan.FromSeconds(10));

        var stopped = pod.Latest.ContainerStatuses[0];
        Assert.True(stopped.State.IsTerminated, Describe(pod.Latest));
        Assert.Equal(128 + 15, stopped.State.ExitCode);
        Assert.False(stopped.Ready);
    }

    [Fact]
    public async Task Command_exiting_1_with_restartPolicy_Never_fails_the_pod_with_its_exit_code()
    {
        await using var pod = new ProcessPodHarness("""{"restartPolicy":"Never","containers":[{"name":"main","image":"busybox","command":["sh","-c","exit 1"]}]}""").Start();

        var failed = await pod.WaitForAsync(s => s.Phase == PodStatusSnapshot.Failed, "Failed");

        var container = failed.ContainerStatuses[0];
        Assert.Equal(ContainerStateKind.Terminated, container.State.Kind);
        Assert.Equal(1, container.State.ExitCode);
        Assert.Equal("Error", container.State.Reason);
        Assert.Equal(0, container.RestartCount);
    }

    [Fact]
    public async Task OnFailure_restarts_a_failing_command_with_back_off_and_counts_restarts()
    {
        await using var pod = new ProcessPodHarness("""{"restartPolicy":"OnFailure","containers":[{"name":"main","image":"busybox","command":["sh","-c","exit 3"]}]}""").Start();

        var backingOff = await pod.WaitForAsync(s => s.ContainerStatuses[0].State.Reason == "CrashLoopBackOff", "CrashLoopBackOff");
        Assert.Equal(PodStatusSnapshot.Running, backingOff.Phase);
        Assert.Equal(3, backingOff.ContainerStatuses[0].LastState?.ExitCode);

        var restarted = await pod.WaitForAsync(s => s.ContainerStatuses[0].RestartCount >= 3, "three restarts");
        Assert.NotEqual(PodStatusSnapshot.Failed, restarted.Phase);
    }

    [Fact]
    public async Task OnFailure_command_exiting_0_succeeds_the_pod_without_restart()
    {
        await using var pod = new ProcessPodHarness("""{"restartPolicy":"OnFailure","containers":[{"name":"main","image":"busybox","command":["sh","-c","exit 0"]}]}""").Start();

        var succeeded = await pod.WaitForAsync(s => s.Phase == PodStatusSnapshot.Succeeded, "Succeeded");

        Assert.Equal(0, succeeded.ContainerStatuses[0].RestartCount);
        Assert.Equal("Completed", succeeded.ContainerStatuses[0].State.Reason);
    }

    [Fact]
    public async Task Always_restarts_a_command_that_exits_0()
    {
        await using var pod = new ProcessPodHarness("""{"containers":[{"name":"main","image":"busybox","command":["true"]}]}""").Start();

        var restarted = await pod.WaitForAsync(s => s.ContainerStatuses[0].RestartCount >= 2, "two restarts");

        Assert.Equal(PodStatusSnapshot.Running, restarted.Phase);
        Assert.Equal(0, restarted.ContainerStatuses[0].LastState?.ExitCode);
    }

    [Fact]
    public async Task Env_values_reach_the_process_expanded_and_nothing_else_leaks_from_the_agent()
    {
        Environment.SetEnvironmentVariable("GITOPS_AGENT_SECRET", "must-not-leak");
        await using var pod = new ProcessPodHarness("""
            {"restartPolicy":"Never","containers":[{"name":"main","image":"busybox",
              "command":["sh","-c","echo \"greeting=$GREETING target=$TARGET leak=${GITOPS_AGENT_SECRET:-none} arg=$1\"","sh","$(GREETING)"],
              "env":[{"name":"GREETING","value":"hello"},{"name":"TARGET","value":"$(GREETING)-world"}]}]}
            """).Start();

        await pod.WaitForAsync(s => s.Phase == PodStatusSnapshot.Succeeded, "Succeeded");

        Assert.Equal("greeting=hello target=hello-world leak=none arg=hello\n", pod.ReadLog("main"));
    }

    [Fact]
    public async Task Init_containers_run_in_order_and_to_completion_before_the_app_container()
    {
        await using var pod = new ProcessPodHarness("""
            {"initContainers":[
               {"name":"first","image":"busybox","command":["sh","-c","echo first >> $HOME/order"]},
               {"name":"second","image":"busybox","command":["sh","-c","sleep 0.3; echo second >> $HOME/order"]}],
             "containers":[{"name":"app","image":"busybox","command":["sh","-c","echo app >> $HOME/order; sleep 60"]}]}
            """).Start();

        var pending = await pod.WaitForAsync(s => !s.Initialized, "initializing");
        Assert.Equal(PodStatusSnapshot.Pending, pending.Phase);
        var running = await pod.WaitForAsync(s => s.Phase == PodStatusSnapshot.Running && s.ContainersReady, "Running");
        await WaitForFileLinesAsync(pod.SandboxFile("order"), 3);

        Assert.Equal(["first", "second", "app"], File.ReadAllLines(pod.SandboxFile("order")));
        Assert.True(running.Initialized);
        Assert.All(running.InitContainerStatuses, c => Assert.Equal("Completed", c.State.Reason));
    }

    [Fact]
    public async Task Failing_init_container_with_restartPolicy_Never_fails_the_pod_and_the_app_never_starts()
    {
        await using var pod = new ProcessPodHarness("""
            {"restartPolicy":"Never",
             "initContainers":[{"name":"migrate","image":"busybox","command":["sh","-c","exit 7"]}],
             "containers":[{"name":"app","image":"busybox","command":["sh","-c","echo started > $HOME/app; sleep 60"]}]}
            """).Start();

        var failed = await pod.WaitForAsync(s => s.Phase == PodStatusSnapshot.Failed, "Failed");

        Assert.False(failed.Initialized);
        Assert.Equal(7, failed.InitContainerStatuses[0].State.ExitCode);
        Assert.Equal(ContainerStateKind.Waiting, failed.ContainerStatuses[0].State.Kind);
        Assert.False(File.Exists(pod.SandboxFile("app")));
    }

    [Fact]
    public async Task Missing_executable_is_a_StartError_with_exit_code_128()
    {
        await using var pod = new ProcessPodHarness("""{"restartPolicy":"Never","containers":[{"name":"main","image":"x","command":["/nonexistent/program"]}]}""").Start();

        var failed = await pod.WaitForAsync(s => s.Phase == PodStatusSnapshot.Failed, "Failed");

        Assert.Equal("StartError", failed.ContainerStatuses[0].State.Reason);
        Assert.Equal(128, failed.ContainerStatuses[0].State.ExitCode);
        Assert.Contains("/nonexistent/program", failed.ContainerStatuses[0].State.Message);
    }

    private static async Task WaitForFileLinesAsync(string path, int lines)
    {
        for (var i = 0; i < 200; i++)
        {
            if (File.Exists(path) && File.ReadAllLines(path).Length >= lines)
                return;
            await Task.Delay(50);
        }
        Assert.Fail($"{path} did not get {lines} lines.");
    }
}
