using System.Text.Json.Nodes;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads;

/// <summary>
/// Writes a controller's status of its object through the status subresource, only when it differs
/// from the stored status (compared as <see cref="CanonicalJson"/>, so key order and number spelling do
/// not count), re-comparing and retrying on the stored object when another writer got there first.
/// The status is written as computed: its observedGeneration still names the generation the
/// controller read, so a newer spec is never reported as observed.
/// </summary>
public static class OwnerStatus
{
    /// <returns>Unchanged (nothing written) when the stored status already equals <paramref name="status"/>; otherwise the write's result.</returns>
    public static Task<ResourceResult> WriteAsync(IResourceGrain grain, KubeObject obj, JsonObject status, CancellationToken cancellationToken)
    {
        var wanted = CanonicalJson.Write(status);
        return ConflictRetry.UpdateAsync(grain, obj, current =>
        {
            if (CanonicalJson.Write(current.Status ?? []) == wanted)
                return null;
            var next = current.DeepClone();
            next.Status = (JsonObject)status.DeepClone();
            return next;
        }, status: true, cancellationToken);
    }
}
