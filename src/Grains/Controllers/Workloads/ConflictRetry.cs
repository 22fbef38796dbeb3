using GitOps.Grains.Resources;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads;

/// <summary>
/// Applies a change to the latest version of an object, retrying a few times when another writer got
/// there first (Kubernetes' RetryOnConflict): a Conflict answer carries the stored object, and the same
/// change is applied to it again. Only the fields the change sets are ever touched.
/// </summary>
internal static class ConflictRetry
{
    private const int Attempts = 3;

    /// <param name="change">Returns a changed copy of the given object, or null when it needs no change.</param>
    /// <param name="status">Writes the status subresource instead of metadata and spec.</param>
    public static async Task<ResourceResult> UpdateAsync(
        IResourceGrain grain, KubeObject current, Func<KubeObject, KubeObject?> change, bool status, CancellationToken cancellationToken)
    {
        var uid = current.Metadata.Uid;
        var result = new ResourceResult(ResourceOutcome.Unchanged, current);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (change(current) is not { } changed)
                return new ResourceResult(ResourceOutcome.Unchanged, current);
            result = status
                ? await grain.UpdateStatusAsync(changed, cancellationToken)
                : await grain.UpdateAsync(changed, cancellationToken);
            if (result.Outcome != ResourceOutcome.Conflict || result.Object is null || result.Object.Metadata.Uid != uid)
                return result;
            current = result.Object;
        }
        return result;
    }
}
