using GitOps.NodeAgent.Pods;
using GitOps.NodeAgent.Pods.Spec;
using GitOps.NodeAgent.Pods.Status;

namespace GitOps.NodeAgent.Processes;

/// <summary>
/// A pod of the process runtime for its whole life: runs its <see cref="ProcessPod"/>, reports
/// every status change, and on deletion stops the containers within the grace period and removes
/// the pod object. When the agent stops or the object vanishes, the processes are killed.
/// </summary>
internal sealed class ProcessPodWorker(PodWorkerContext context, ProcessRuntimeOptions options, ContainerIsolation isolation) : PodWorker(context)
{
    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var hostIp = Context.Node.Template.InternalIp;
        PodSpecModel spec;
        ProcessPod pod;
        try
        {
            spec = PodSpecModel.Read(Pod);
            pod = new ProcessPod(Pod, spec, hostIp, options, isolation, new EnvResolver(Context.Client), Context.Time, Publish);
        }
        catch (InvalidDataException ex)
        {
            Publish(new PodStatusSnapshot(PodStatusSnapshot.Failed, hostIp, hostIp, Context.Time.GetUtcNow(), false, false, [], [], "InvalidSpec", ex.Message));
            await WaitForDeletionAsync(cancellationToken);
            await FinishDeletionAsync(cancellationToken);
            return;
        }
        if (Pod.Status?["phase"]?.GetValue<string>() is PodStatusSnapshot.Succeeded or PodStatusSnapshot.Failed)
        {
            await WaitForDeletionAsync(cancellationToken);
            await FinishDeletionAsync(cancellationToken);
            return;
        }
        try
        {
            using (var life = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, DeletionToken))
                await pod.RunAsync(life.Token);
            if (cancellationToken.IsCancellationRequested)
                return;
            await WaitForDeletionAsync(cancellationToken);
            await pod.StopAsync(PodSpecModel.GracePeriodOf(Pod, spec), cancellationToken);
            await FinishDeletionAsync(cancellationToken);
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested)
                pod.Kill();
        }
    }
}
