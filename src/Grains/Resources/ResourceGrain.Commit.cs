using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Resources;

internal sealed partial class ResourceGrain
{
    private Task EnsureLoadedAsync(CancellationToken cancellationToken) =>
        _loaded ? Task.CompletedTask : LoadAsync(cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        _current = await store.GetAsync(_key, cancellationToken);
        _loaded = true;
    }

    /// <summary>Writes <paramref name="next"/> over the held object unless that would change nothing.</summary>
    private async Task<ResourceResult> ReplaceAsync(KubeObject next, ResourceOutcome outcome, CancellationToken cancellationToken)
    {
        if (ObjectContent.SameIgnoringResourceVersion(next, _current!))
            return new ResourceResult(outcome == ResourceOutcome.DeletionPending ? outcome : ResourceOutcome.Unchanged, _current);
        return await CommitAsync(ResourceWrite.Update(next, _current!.Metadata.ResourceVersionNumber), outcome, cancellationToken);
    }

    /// <summary>
    /// The update that clears the last finalizer of an object being deleted: the update and the
    /// deletion go in one transaction, so watchers see the final state (MODIFIED) and then DELETED.
    /// </summary>
    private async Task<ResourceResult> CompleteDeletionAsync(KubeObject last, CancellationToken cancellationToken)
    {
        var expected = _current!.Metadata.ResourceVersionNumber;
        IReadOnlyList<WriteResult> results;
        try
        {
            results = await store.WriteBatchAsync([ResourceWrite.Update(last, expected), ResourceWrite.Delete(_key)], cancellationToken);
        }
        catch
        {
            _loaded = false;
            throw;
        }
        if (results[0].Succeeded && results[1].Succeeded)
        {
            _current = null;
            return new ResourceResult(ResourceOutcome.Deleted, results[1].Object);
        }
        return await ReportLostRaceAsync(expected, cancellationToken);
    }

    private async Task<ResourceResult> CommitAsync(ResourceWrite write, ResourceOutcome outcome, CancellationToken cancellationToken)
    {
        var expected = _current?.Metadata.ResourceVersionNumber ?? 0;
        WriteResult result;
        try
        {
            result = await store.WriteAsync(write, cancellationToken);
        }
        catch
        {
            // The write may or may not have committed: read the object again before the next call.
            _loaded = false;
            throw;
        }
        if (!result.Succeeded)
            return await ReportLostRaceAsync(expected, cancellationToken);
        _current = write.Kind == WriteKind.Delete ? null : result.Object;
        return new ResourceResult(outcome, result.Object);
    }

    // The store disagreed with what this grain held: another writer changed the object (two
    // activations during a shard move, or a write that bypassed the grain). Re-read and say so.
    private async Task<ResourceResult> ReportLostRaceAsync(long expected, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var now = _current?.Metadata.ResourceVersion ?? "none (it was deleted)";
        return new ResourceResult(ResourceOutcome.Conflict, _current,
            $"Operation cannot be fulfilled on {Describe(_key)}: it was changed by another writer (expected resourceVersion {expected}, the stored one is {now}); read it again and retry.");
    }
}
