using System.Globalization;
using GitOps.Store;

namespace GitOps.Grains.Resources;

internal sealed partial class ResourceGrain
{
    public const string ForegroundDeletionFinalizer = "foregroundDeletion";
    public const string OrphanFinalizer = "orphan";

    public async Task<ResourceResult> DeleteAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        string? policyFinalizer;
        switch (request.PropagationPolicy)
        {
            case null or "" or "Background":
                policyFinalizer = null;
                break;
            case "Foreground":
                policyFinalizer = ForegroundDeletionFinalizer;
                break;
            case "Orphan":
                policyFinalizer = OrphanFinalizer;
                break;
            default:
                return new ResourceResult(ResourceOutcome.Invalid, null,
                    $"propagationPolicy \"{request.PropagationPolicy}\" for {Describe(_key)} is not one of Foreground, Background, Orphan.");
        }
        await EnsureLoadedAsync(cancellationToken);
        if (_current is null)
            return NotFound();
        var expectedVersion = request.ExpectedResourceVersion?.ToString(CultureInfo.InvariantCulture);
        if (PreconditionFailure(expectedVersion, request.ExpectedUid) is { } conflict)
            return conflict;
        if (request.SyncRun is not null && StaleSyncRun(request.SyncRun) is { } stale)
            return stale;
        if (await GitOwnedObjectDeleteRefusalAsync(request, cancellationToken) is { } forbidden)
            return forbidden;

        var finalizers = _current.Metadata.Finalizers.ToList();
        if (policyFinalizer is not null && !finalizers.Contains(policyFinalizer))
            finalizers.Add(policyFinalizer);
        if (finalizers.Count == 0)
            return await CommitAsync(ResourceWrite.Delete(_key, _current.Metadata.ResourceVersionNumber), ResourceOutcome.Deleted, cancellationToken);

        // Finalizers hold the object: mark it as being deleted; the update that removes the last
        // finalizer deletes it (UpdateAsync).
        var next = _current.DeepClone();
        next.Metadata.SetFinalizers(finalizers);
        next.Metadata.DeletionTimestamp ??= time.GetUtcNow();
        return await ReplaceAsync(next, ResourceOutcome.DeletionPending, cancellationToken);
    }
}
