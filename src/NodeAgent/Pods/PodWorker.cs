using System.Text.Json.Nodes;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Logging;
using GitOps.NodeAgent.Pods.Status;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Pods;

/// <summary>
/// Runs one pod on one node for its whole life: a runtime subclass starts its containers and
/// reports status; this base tracks the newest pod object, tells when deletion was requested
/// (deletionTimestamp set) or the object is gone, and finishes a deletion as a kubelet does,
/// by deleting the pod object with gracePeriodSeconds=0 once its containers have stopped. As a
/// kubelet's status manager does, it writes its last status again when the API's copy says otherwise
/// about readiness (the node lifecycle controller marks the pods of a node it cannot hear from not
/// ready; once the node is heard again, its pods are ready again).
/// </summary>
public abstract class PodWorker
{
    private readonly TaskCompletionSource _deletionRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _deletion = new();
    private readonly CancellationTokenSource _removed = new();
    private readonly PodStatusBuilder _statusBuilder = new();
    private KubeObject _pod;
    private JsonObject? _published;

    protected PodWorker(PodWorkerContext context)
    {
        Context = context;
        _pod = context.Pod;
        Ref = PodRef.Of(context.Pod);
        if (context.Pod.Metadata.DeletionTimestamp is not null)
            RequestDeletion();
    }

    public PodRef Ref { get; }

    /// <summary>The worker's run; completes when the pod is finished here.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    protected PodWorkerContext Context { get; }

    /// <summary>The newest pod object seen.</summary>
    protected KubeObject Pod => Volatile.Read(ref _pod);

    /// <summary>Completes when the pod got a deletionTimestamp (or is gone altogether).</summary>
    protected Task DeletionRequested => _deletionRequested.Task;

    /// <summary>Cancelled when deletion was requested (or the object is gone).</summary>
    protected CancellationToken DeletionToken => _deletion.Token;

    /// <summary>Cancelled when the pod object is gone from the API.</summary>
    protected CancellationToken RemovedToken => _removed.Token;

    /// <summary>Starts the run; <paramref name="stopping"/> is the agent's shutdown, which kills containers at once.</summary>
    public void Start(CancellationToken stopping) =>
        Completion = Task.Run(() => RunGuardedAsync(stopping), CancellationToken.None);

    /// <summary>A newer version of the pod was seen.</summary>
    public void Update(KubeObject pod)
    {
        Volatile.Write(ref _pod, pod);
        if (pod.Metadata.DeletionTimestamp is not null)
            RequestDeletion();
        else if (Volatile.Read(ref _published) is { } published && ReadyOf(pod.Status) != ReadyOf(published))
            Context.StatusWriter.Publish(Ref, published);
        OnUpdated(pod);
    }

    /// <summary>
    /// The pod object is gone from the API (deleted without waiting for this node): the containers
    /// are still stopped gracefully, but there is no object left to delete.
    /// </summary>
    public void Remove()
    {
        RequestDeletion();
        _removed.Cancel();
    }

    /// <summary>Runs the pod until it is deleted or gone; <paramref name="cancellationToken"/> is the agent stopping.</summary>
    protected abstract Task RunAsync(CancellationToken cancellationToken);

    protected virtual void OnUpdated(KubeObject pod)
    {
    }

    /// <summary>Reports the pod's status (coalesced with any not yet written).</summary>
    protected void Publish(PodStatusSnapshot snapshot)
    {
        var status = _statusBuilder.Build(snapshot, Context.Time.GetUtcNow());
        Volatile.Write(ref _published, status);
        Context.StatusWriter.Publish(Ref, status);
    }

    private static string? ReadyOf(JsonObject? status) => Conditions.Get(status, PodConditionTypes.Ready)?.Status;

    /// <summary>Waits for the deletion request or the end of the worker, whichever comes first.</summary>
    protected Task WaitForDeletionAsync(CancellationToken cancellationToken) => DeletionRequested.WaitAsync(cancellationToken);

    /// <summary>
    /// The containers have stopped: delete the pod object for good (grace period 0, guarded by
    /// the uid so a newer pod of the same name is never touched). A silenced node waits until resumed.
    /// </summary>
    protected async Task FinishDeletionAsync(CancellationToken cancellationToken)
    {
        if (RemovedToken.IsCancellationRequested)
            return;
        await Context.Node.WaitUntilActiveAsync(cancellationToken);
        var result = await Context.Client.DeleteAsync(
            ResourcePath.Pod(Ref.Namespace, Ref.Name),
            new DeleteOptions(GracePeriodSeconds: 0, PreconditionUid: Pod.Metadata.Uid),
            cancellationToken);
        if (result.IsSuccess || result.IsNotFound || result.IsConflict)
            AgentLog.PodDeleted(Context.Logger, Ref.Namespace, Ref.Name, Ref.NodeName);
        else
            AgentLog.PodDeleteFailed(Context.Logger, Ref.Namespace, Ref.Name, result.Error?.ToString() ?? "");
    }

    private void RequestDeletion()
    {
        if (_deletionRequested.TrySetResult())
            _deletion.Cancel();
    }

    private async Task RunGuardedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            AgentLog.PodWorkerFailed(Context.Logger, Ref.Namespace, Ref.Name, ex);
        }
        finally
        {
            if (_removed.IsCancellationRequested)
            {
                Context.Node.Addresses.Release(Ref.Uid);
                Context.StatusWriter.Forget(Ref);
            }
        }
    }
}
