using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using Microsoft.Extensions.Logging;
using Orleans;

namespace GitOps.Grains.Controllers.Workloads;

/// <summary>
/// Deletes one dependent of a controller's object (a ReplicaSet's pod, a CronJob's Job) through its
/// resource grain and records the outcome on the owner as Kubernetes' controllers do: SuccessfulDelete,
/// or FailedDelete with the reason. A dependent already gone, or whose name now belongs to another
/// object (the request's uid precondition failed), counts as deleted. Used by <see cref="Pods.PodControl"/>
/// and the CronJob controller.
/// </summary>
public sealed class DependentDeletion(IGrainFactory grains, IEventRecorder events, ILogger logger, string component)
{
    /// <returns>Null when the dependent is gone; otherwise why it could not be deleted.</returns>
    public async Task<string?> DeleteAsync(KubeObject owner, KubeObject dependent, DeleteRequest request, CancellationToken cancellationToken)
    {
        var noun = dependent.Kind.ToLowerInvariant();
        var name = dependent.Metadata.Name ?? "";
        var result = await grains.GetGrain<IResourceGrain>(ResourceKey.Of(dependent).ToString()).DeleteAsync(request, cancellationToken);
        switch (result.Outcome)
        {
            case ResourceOutcome.Deleted or ResourceOutcome.DeletionPending:
                events.Record(component, owner, EventType.Normal, "SuccessfulDelete", $"Deleted {noun} {name}");
                return null;
            case ResourceOutcome.NotFound or ResourceOutcome.Conflict:
                // Gone already, or the name now belongs to another object: nothing that was read is left to delete.
                return null;
            default:
                WorkloadLog.WriteFailed(logger, dependent.Kind, dependent.Metadata.Namespace ?? "", name, result.Outcome.ToString(), result.Message ?? "");
                events.Record(component, owner, EventType.Warning, "FailedDelete", $"Error deleting {noun} {name}: {result.Outcome}: {result.Message}");
                return $"deleting {dependent.Kind} {name} failed: {result.Outcome}: {result.Message}";
        }
    }
}
