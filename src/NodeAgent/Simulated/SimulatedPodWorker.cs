using GitOps.Model.Objects;
using GitOps.NodeAgent.Pods;
using GitOps.NodeAgent.Pods.Spec;
using GitOps.NodeAgent.Pods.Status;

namespace GitOps.NodeAgent.Simulated;

/// <summary>
/// One simulated pod: Running after the start delay (one status write); a pod picked for failure
/// crashes after <see cref="SimulatedPodOptions.CrashAfter"/> and restarts per its restartPolicy
/// with the crash-loop back-off; any other pod with restartPolicy Never or OnFailure (a batch
/// workload) exits 0 after <see cref="SimulatedPodOptions.CompleteAfter"/> and Succeeds; deletion
/// stops it within the grace period and removes the object.
/// </summary>
internal sealed class SimulatedPodWorker(PodWorkerContext context, SimulatedPodOptions options) : PodWorker(context)
{
    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var pod = Pod;
        var spec = PodSpecModel.Read(pod);
        var phase = pod.Status?["phase"]?.GetValue<string>();
        if (phase is PodStatusSnapshot.Succeeded or PodStatusSnapshot.Failed)
        {
            await WaitForDeletionAsync(cancellationToken);
            await FinishDeletionAsync(cancellationToken);
            return;
        }
        var podIp = AllocateAddress(pod);
        var startTime = ReadTime(pod.Status?["startTime"]?.GetValue<string>()) ?? Now;
        var alreadyRunning = phase == PodStatusSnapshot.Running && pod.Status?["podIP"]?.GetValue<string>() == podIp;
        if (!alreadyRunning && await DeletionWithinAsync(options.StartDelay, cancellationToken))
        {
            await StopAsync(spec, cancellationToken);
            return;
        }
        var crashes = options.FailurePercent > 0 && Random.Shared.NextDouble() * 100 < options.FailurePercent;
        var restarts = 0;
        ContainerState? lastState = null;
        var startedAt = Now;
        if (!alreadyRunning)
            Publish(Snapshot(spec, startTime, podIp, PodStatusSnapshot.Running, ContainerState.Running(startedAt), lastState, ready: true, restarts));
        while (crashes)
        {
            if (await DeletionWithinAsync(options.CrashAfter, cancellationToken))
                break;
            var terminated = ContainerState.Terminated(1, "Error", startedAt, Now);
            if (spec.EffectiveRestartPolicy == PodSpecModel.RestartNever)
            {
                Publish(Snapshot(spec, startTime, podIp, PodStatusSnapshot.Failed, terminated, null, ready: false, restarts));
                break;
            }
            var backoff = Backoff(restarts);
            Publish(Snapshot(spec, startTime, podIp, PodStatusSnapshot.Running,
                ContainerState.Waiting("CrashLoopBackOff", $"back-off {backoff.TotalSeconds:0}s restarting failed container"), terminated, ready: false, restarts));
            if (await DeletionWithinAsync(backoff, cancellationToken))
                break;
            restarts++;
            lastState = terminated;
            startedAt = Now;
            Publish(Snapshot(spec, startTime, podIp, PodStatusSnapshot.Running, ContainerState.Running(startedAt), lastState, ready: true, restarts));
        }
        if (!crashes && spec.EffectiveRestartPolicy != PodSpecModel.RestartAlways && !await DeletionWithinAsync(options.CompleteAfter, cancellationToken))
            Publish(Snapshot(spec, startTime, podIp, PodStatusSnapshot.Succeeded,
                ContainerState.Terminated(0, "Completed", startedAt, Now), lastState, ready: false, restarts));
        await WaitForDeletionAsync(cancellationToken);
        await StopAsync(spec, cancellationToken);
    }

    private DateTimeOffset Now => Context.Time.GetUtcNow();

    private async Task StopAsync(PodSpecModel spec, CancellationToken cancellationToken)
    {
        var grace = PodSpecModel.GracePeriodOf(Pod, spec);
        await Task.Delay(grace < options.StopDelay ? grace : options.StopDelay, cancellationToken);
        await FinishDeletionAsync(cancellationToken);
    }

    /// <summary>Waits <paramref name="delay"/>; true when deletion was requested first.</summary>
    private async Task<bool> DeletionWithinAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (DeletionRequested.IsCompleted)
            return true;
        if (delay <= TimeSpan.Zero)
            return false;
        var finished = await Task.WhenAny(DeletionRequested, Task.Delay(delay, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        return finished == DeletionRequested;
    }

    private TimeSpan Backoff(int restarts)
    {
        var delay = options.RestartBackoff * Math.Pow(2, Math.Min(restarts, 20));
        return delay < options.MaxRestartBackoff ? delay : options.MaxRestartBackoff;
    }

    private string? AllocateAddress(KubeObject pod)
    {
        var existing = pod.Status?["podIP"]?.GetValue<string>();
        if (existing is not null && Context.Node.Addresses.Claim(Ref.Uid, existing))
            return existing;
        return Context.Node.Addresses.Allocate(Ref.Uid);
    }

    private PodStatusSnapshot Snapshot(PodSpecModel spec, DateTimeOffset startTime, string? podIp, string phase, ContainerState state, ContainerState? lastState, bool ready, int restarts)
    {
        var containers = spec.Containers.Select(c => new ContainerStatusSnapshot(
            c.Name, c.Image, ready, restarts, state, lastState, state.IsRunning, $"simulated://{Ref.Uid}/{c.Name}")).ToArray();
        var inits = spec.InitContainers.Select(c => new ContainerStatusSnapshot(
            c.Name, c.Image, true, 0, ContainerState.Terminated(0, "Completed", startTime, startTime), null, false, $"simulated://{Ref.Uid}/{c.Name}")).ToArray();
        return new PodStatusSnapshot(phase, Context.Node.Template.InternalIp, podIp, startTime, Initialized: true, ContainersReady: ready, inits, containers);
    }

    private static DateTimeOffset? ReadTime(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
