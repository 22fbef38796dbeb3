using System.Text.Json.Nodes;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads;

/// <summary>
/// Writes a controller's status of its object through the status subresource, only when it differs
/// from the stored status (compared as <see cref="CanonicalJson"/>, so key order, number spelling and
/// null fields do not count). When another writer got there first, the write is retried on the stored
/// object as long as that writer left the status as the controller read it (a spec or label change):
/// the status is written as computed, so its observedGeneration still names the generation the
/// controller read and a newer spec is never reported as observed. A status someone else changed
/// meanwhile is not overwritten: that is a Conflict, and the change brings the controller back.
/// </summary>
public static class OwnerStatus
{
    /// <param name="obj">The object as the controller read it, the one its status was computed from.</param>
    /// <returns>Unchanged (nothing written) when the stored status already equals <paramref name="status"/>;
    /// Conflict when another writer changed the status meanwhile; otherwise the write's result.</returns>
    public static async Task<ResourceResult> WriteAsync(IResourceGrain grain, KubeObject obj, JsonObject status, CancellationToken cancellationToken)
    {
        var read = CanonicalJson.Write(obj.Status ?? []);
        var wanted = CanonicalJson.Write(status);
        var result = await ConflictRetry.UpdateAsync(grain, obj, current =>
        {
            if (CanonicalJson.Write(current.Status ?? []) is var stored && (stored == wanted || stored != read))
                return null;
            var next = current.DeepClone();
            next.Status = (JsonObject)status.DeepClone();
            return next;
        }, status: true, cancellationToken);
        if (result.Outcome == ResourceOutcome.Unchanged && result.Object is { } current && CanonicalJson.Write(current.Status ?? []) != wanted)
            return new ResourceResult(ResourceOutcome.Conflict, current, $"the status of {current} was changed by another writer meanwhile");
        return result;
    }
}
