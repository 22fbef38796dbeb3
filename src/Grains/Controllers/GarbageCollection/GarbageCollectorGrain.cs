using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Informers;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using GitOps.Store;
using Orleans;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Controllers.GarbageCollection;

/// <summary>
/// Keeps the <see cref="OwnershipGraph"/> from the shared informers (every kind that appears) and, each turn, plans and carries out the
/// cascading-deletion writes for the objects whose state changed. A write that loses a race keeps its
/// object on the list and the turn reports a failure, so it is retried with backoff.
/// </summary>
internal sealed class GarbageCollectorGrain(
    IResourceStore store,
    SharedInformerFactory informers,
    IOptions<ControllerOptions> options,
    ControllerMetrics metrics,
    ILogger<GarbageCollectorGrain> logger) : ControllerGrain(store, options.Value, metrics, logger), IGarbageCollectorGrain
{
    private const int MaxObjectsPerTurn = 2000;
    private const int Concurrency = 64;

    private readonly ChangeQueue _feed = new(informers, GarbageCollectorWatch.KnownTypes, followOtherKinds: true);
    private readonly OwnershipGraph _graph = new();
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _feed.Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    protected override async Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        var caughtUp = await _feed.SyncAsync(Apply, cancellationToken);
        var batch = _dirty.Take(MaxObjectsPerTurn).ToArray();
        var existingOwners = await VerifyOwnersOutsideGraphAsync(batch, cancellationToken);
        var planned = new List<(string Origin, GcAction Action)>();
        foreach (var uid in batch)
        {
            _dirty.Remove(uid);
            planned.AddRange(GarbageCollectionPlanner.Plan(uid, _graph, existingOwners).Select(a => (uid, a)));
        }
        var failed = new List<(string Origin, GcAction Action)>();
        foreach (var chunk in planned.Chunk(Concurrency))
        {
            var results = await Task.WhenAll(chunk.Select(p => ExecuteAsync(p.Action, cancellationToken)));
            failed.AddRange(chunk.Where((_, i) => !results[i]));
        }
        // The object whose plan failed is looked at again next turn, against fresh state.
        foreach (var (origin, _) in failed)
            _dirty.Add(origin);
        MarkSeenThrough(_feed.ResourceVersion);
        if (failed.Count > 0)
            return ReconcileResult.Failure($"{failed.Count} garbage-collection write(s) lost a race, first: {failed[0].Action}");
        // Writes made now come back through the change log (an orphaned dependent lets go of its owner,
        // which may then lose its finalizer): look again at once rather than wait for a notification.
        return !caughtUp || _dirty.Count > 0 || planned.Count > 0 ? ReconcileResult.Success(TimeSpan.Zero) : ReconcileResult.Success();
    }

    private void Apply(FeedChange change)
    {
        if (change.Kind == FeedChangeKind.Deleted || change.Object is null)
            _graph.Remove(change.Key, _dirty);
        else
            _graph.Upsert(change.Object, _dirty);
    }

    /// <summary>
    /// Owners referenced by dirty objects but not in the graph (a kind not listed at start-up) are looked up
    /// in the store; one that exists joins the graph, and the queue follows its kind's informer, so its own deletion is handled.
    /// </summary>
    private async Task<IReadOnlySet<string>> VerifyOwnersOutsideGraphAsync(IEnumerable<string> uids, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in uids.Select(_graph.Find).OfType<GraphNode>())
        {
            foreach (var owner in node.Owners.Where(o => _graph.Find(o.Uid) is null && !existing.Contains(o.Uid)))
            {
                var group = ApiVersionParts.GroupOf(owner.ApiVersion);
                var found = await Store.GetAsync(new ResourceKey(group, owner.Kind, node.Key.Namespace, owner.Name), cancellationToken);
                if (found is null && node.Key.Namespace != "")
                    found = await Store.GetAsync(new ResourceKey(group, owner.Kind, "", owner.Name), cancellationToken);
                if (found is null || found.Metadata.Uid != owner.Uid)
                    continue;
                existing.Add(owner.Uid);
                _feed.Follow(ResourceKey.Of(found).Type);
                _graph.Upsert(found, _dirty);
            }
        }
        return existing;
    }

    /// <summary>Carries out one action; false when it lost a race and must be retried.</summary>
    private async Task<bool> ExecuteAsync(GcAction action, CancellationToken cancellationToken)
    {
        GarbageCollectorLog.Acting(Logger, action.ToString());
        var grain = ResourceGrain(action.Key);
        if (action.Kind == GcActionKind.Delete)
        {
            var deleted = await grain.DeleteAsync(new DeleteRequest(action.Policy, ExpectedUid: action.Uid, HolderGone: true), cancellationToken);
            // Not found or another uid: the object we meant is already gone.
            return Report(action, deleted, deleted.Succeeded || deleted.Outcome is ResourceOutcome.NotFound or ResourceOutcome.Conflict);
        }
        var current = await Store.GetAsync(action.Key, cancellationToken);
        if (current is null || current.Metadata.Uid != action.Uid)
            return true;
        var updated = current.DeepClone();
        if (action.Kind == GcActionKind.RemoveOwnerReferences)
            updated.Metadata.SetOwnerReferences(updated.Metadata.OwnerReferences.Where(o => !action.OwnerUids!.Contains(o.Uid)));
        else
            updated.Metadata.SetFinalizers(updated.Metadata.Finalizers.Where(f => f != action.Finalizer));
        var result = await grain.UpdateAsync(updated, cancellationToken);
        return Report(action, result, result.Succeeded || result.Outcome == ResourceOutcome.NotFound);
    }

    private bool Report(GcAction action, ResourceResult result, bool done)
    {
        if (!done)
            GarbageCollectorLog.ActionFailed(Logger, action.ToString(), result.Message ?? result.Outcome.ToString());
        return done;
    }
}
