using System.Text.Json.Nodes;
using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Controllers.Workloads.Claims;
using GitOps.Grains.Resources;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using Microsoft.Extensions.Logging;
using Orleans;

namespace GitOps.Grains.Controllers.Workloads.Pods;

/// <summary>
/// The writes a workload controller makes to its pods and its own status, as Kubernetes'
/// controller.PodControl and ControllerRefManager: every write goes through the object's resource
/// grain, records the Event Kubernetes records, and reports failures as values (the first failure's
/// message, null when all went well). Reads are the caller's: it passes the pods it listed and the owner
/// it read. How to use: one instance per controller grain, named for its component
/// (<c>"replicaset-controller"</c>); call <see cref="AdoptAndReleaseAsync"/>, <see cref="CreateAsync"/>,
/// <see cref="DeleteAsync"/> with what the controller's planner decided, then <see cref="WriteStatusAsync"/>.
/// </summary>
public sealed class PodControl(IGrainFactory grains, IEventRecorder events, ILogger logger, string component)
{
    private readonly DependentDeletion _deletion = new(grains, events, logger, component);

    /// <summary>
    /// Writes the controller references the claim decided: <paramref name="adopt"/> get one to
    /// <paramref name="owner"/> (skipped when the stored pod meanwhile got another controller or is being
    /// deleted), <paramref name="release"/> lose it. Conflicts are retried on the stored pod.
    /// </summary>
    /// <returns>The first failure; null when every write succeeded or was no longer needed.</returns>
    public async Task<string?> AdoptAndReleaseAsync(KubeObject owner, IReadOnlyList<KubeObject> adopt, IReadOnlyList<KubeObject> release, CancellationToken cancellationToken)
    {
        var writes = adopt.Select(async pod => Failure("adopting", pod, await ControllerReferences.AdoptAsync(Grain(pod), pod, owner, cancellationToken)))
            .Concat(release.Select(async pod => Failure("releasing", pod, await ControllerReferences.ReleaseAsync(Grain(pod), pod, owner, cancellationToken))));
        var failures = await Task.WhenAll(writes);
        return failures.FirstOrDefault(f => f is not null);
    }

    /// <summary>
    /// Creates <paramref name="count"/> pods of <paramref name="owner"/> in slow-start batches (one, two,
    /// four, …, stopping after a batch with a failure, see <see cref="SlowStart"/>), recording
    /// SuccessfulCreate per pod and one FailedCreate with the first failure. <paramref name="newPod"/>
    /// builds the i-th pod; when its generated name is taken, one more name is drawn from its generateName.
    /// </summary>
    /// <returns>The first failure; null when every pod was created.</returns>
    public async Task<string?> CreateAsync(KubeObject owner, int count, Func<int, KubeObject> newPod, CancellationToken cancellationToken)
    {
        if (count <= 0)
            return null;
        var (_, failure) = await SlowStart.RunAsync(count, i => CreateOneAsync(owner, newPod(i), cancellationToken));
        if (failure is not null)
        {
            WorkloadLog.CreatePodsFailed(logger, owner.Kind, owner.Metadata.Namespace ?? "", owner.Metadata.Name ?? "", failure);
            events.Record(component, owner, EventType.Warning, "FailedCreate", $"Error creating: {failure}");
        }
        return failure;
    }

    /// <summary>
    /// Deletes <paramref name="pods"/> at once, each only while it is still the pod that was read (uid
    /// precondition), recording SuccessfulDelete or FailedDelete (see <see cref="DependentDeletion"/>). A
    /// pod already gone, or whose name now belongs to another pod, counts as deleted.
    /// </summary>
    /// <returns>The first failure; null when every pod is gone.</returns>
    public async Task<string?> DeleteAsync(KubeObject owner, IReadOnlyList<Pod> pods, CancellationToken cancellationToken)
    {
        var failures = await Task.WhenAll(pods.Select(pod =>
            _deletion.DeleteAsync(owner, pod.Object, new DeleteRequest(ExpectedUid: pod.Metadata.Uid), cancellationToken)));
        return failures.FirstOrDefault(f => f is not null);
    }

    /// <summary>Writes <paramref name="status"/> as <paramref name="owner"/>'s status when it changed (see <see cref="OwnerStatus"/>).</summary>
    public async Task<ResourceResult> WriteStatusAsync(KubeObject owner, JsonObject status, CancellationToken cancellationToken)
    {
        var result = await OwnerStatus.WriteAsync(Grain(owner), owner, status, cancellationToken);
        if (!result.Succeeded)
            WorkloadLog.WriteRaced(logger, owner.Kind, owner.Metadata.Namespace ?? "", owner.Metadata.Name ?? "", result.Outcome.ToString());
        return result;
    }

    private async Task<string?> CreateOneAsync(KubeObject owner, KubeObject pod, CancellationToken cancellationToken)
    {
        // A generated name can be taken (five random characters); a second draw settles it, as the API server retries.
        for (var attempt = 0; ; attempt++)
        {
            var result = await Grain(pod).CreateAsync(pod, cancellationToken);
            if (result.Succeeded)
            {
                events.Record(component, owner, EventType.Normal, "SuccessfulCreate", $"Created pod: {pod.Metadata.Name}");
                return null;
            }
            if (result.Outcome != ResourceOutcome.AlreadyExists || pod.Metadata.GenerateName is not { Length: > 0 } prefix)
                return $"{result.Outcome}: {result.Message}";
            if (attempt > 0)
                return "two generated pod names in a row were taken";
            pod = pod.DeepClone();
            pod.Metadata.Name = GeneratedNames.Generate(prefix);
        }
    }

    private string? Failure(string what, KubeObject pod, ResourceResult result)
    {
        if (result.Succeeded || result.Outcome == ResourceOutcome.NotFound)
            return null;
        WorkloadLog.WriteFailed(logger, Pod.Kind, pod.Metadata.Namespace ?? "", pod.Metadata.Name ?? "", result.Outcome.ToString(), result.Message ?? "");
        return $"{what} pod {pod.Metadata.Name} failed: {result.Outcome}: {result.Message}";
    }

    private IResourceGrain Grain(KubeObject obj) => grains.GetGrain<IResourceGrain>(ResourceKey.Of(obj).ToString());
}
