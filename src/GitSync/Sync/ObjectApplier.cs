using System.Collections.Concurrent;
using GitOps.GitSync.Drift;
using GitOps.GitSync.Git;
using GitOps.GitSync.Grains;
using GitOps.GitSync.Options;
using GitOps.GitSync.Planning;
using GitOps.GitSync.Sources;
using GitOps.GitSync.Status;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using GitOps.Model.Registry;
using GitOps.Store;
using Microsoft.Extensions.Options;

namespace GitOps.GitSync.Sync;

/// <summary>
/// Carries out a plan through the resource grains: each step (wave, then kind) in order, the
/// objects of a step in parallel up to <see cref="GitOpsOptions.ApplyParallelism"/>; then prunes in
/// reverse order, deleting only objects that still carry this source's label.
/// </summary>
public sealed class ObjectApplier(
    IGrainFactory grains,
    SourceCatalog catalog,
    IResourceStore store,
    ManagedObjectIndex index,
    ClusterSummary summary,
    IOptions<GitOpsOptions> options)
{
    public async Task<ApplyReport> ApplyAsync(SourceSpec spec, string commit, long run, SyncPlan plan, CancellationToken cancellationToken)
    {
        var applied = new ConcurrentDictionary<string, InventoryEntry>(StringComparer.Ordinal);
        var failures = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var errors = new ConcurrentBag<SyncError>();
        var claims = new ConcurrentBag<SourceClaim>();
        int created = 0, updated = 0, unchanged = 0, repaired = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.ApplyParallelism, CancellationToken = cancellationToken };
        var repository = RepositoryUrl.Redact(spec.Url);

        foreach (var step in plan.Steps)
        {
            await Parallel.ForEachAsync(step, parallel, async (apply, ct) =>
            {
                var key = apply.Key.ToString();
                index.BeginApply(key);
                InventoryEntry? entry = null;
                try
                {
                    var desired = new DesiredObject(apply.Source.Object, spec.Name, repository, apply.Source.Path, commit, run);
                    ResourceResult result;
                    try
                    {
                        result = await ApplyOrClaimAsync(key, desired, ct);
                    }
                    catch (Exception e) when (!ct.IsCancellationRequested && e is not OutOfMemoryException)
                    {
                        // A grain call or store write that failed for this object (the database refused a value, a silo
                        // went away) is this object's error; the run goes on with the others.
                        Fail($"could not be applied ({e.GetType().Name}: {e.Message}); it is retried at the next sync");
                        return;
                    }
                    if (!result.Succeeded || result.Object is null)
                    {
                        Fail($"{result.Outcome}: {result.Message ?? "the object was refused"}");
                        if (OwnerOtherThan(spec.Name, result) is { } owner)
                            claims.Add(new SourceClaim(key, owner, spec.Name, repository, apply.Source.Path, apply.Source.Line));
                        return;
                    }
                    entry = new InventoryEntry(apply.Source.Path, apply.DesiredHash, result.Object.Metadata.ResourceVersionNumber, ManagedFields.Hash(result.Object));
                    applied[key] = entry;
                    summary.Observe(result.Object);
                    if (apply.Reason == ApplyReason.RepairDrift)
                        Interlocked.Increment(ref repaired);
                    else if (result.Outcome == ResourceOutcome.Created)
                        Interlocked.Increment(ref created);
                    else if (result.Outcome == ResourceOutcome.Updated)
                        Interlocked.Increment(ref updated);
                    else
                        Interlocked.Increment(ref unchanged);
                }
                finally
                {
                    index.EndApply(spec.Name, key, entry);
                }

                void Fail(string message)
                {
                    failures[key] = message;
                    errors.Add(new SyncError(apply.Source.Path, apply.Source.Line, message, SyncPlanner.Describe(apply.Key)));
                }
            });
        }

        var pruned = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var group in plan.Prunes.GroupBy(p => KindRegistry.ApplyRankOf(p.Key.Type)))
        {
            await Parallel.ForEachAsync(group, parallel, async (prune, ct) =>
            {
                var key = prune.Key.ToString();
                index.BeginApply(key);
                try
                {
                    if (await PruneAsync(new SourceRun(spec.Name, run), prune, ct) is { } failure)
                    {
                        failures[key] = failure;
                        errors.Add(new SyncError(prune.Entry.Path, 0, failure, SyncPlanner.Describe(prune.Key)));
                        index.EndPrune(spec.Name, key, pruned: false);
                        return;
                    }
                    pruned[key] = true;
                    index.EndPrune(spec.Name, key, pruned: true);
                }
                catch (Exception e) when (!ct.IsCancellationRequested && e is not OutOfMemoryException)
                {
                    var failure = $"could not be pruned ({e.GetType().Name}: {e.Message}); it is retried at the next sync";
                    failures[key] = failure;
                    errors.Add(new SyncError(prune.Entry.Path, 0, failure, SyncPlanner.Describe(prune.Key)));
                    index.EndPrune(spec.Name, key, pruned: false);
                }
                catch
                {
                    index.EndPrune(spec.Name, key, pruned: false);
                    throw;
                }
            });
        }

        return new ApplyReport(
            new Dictionary<string, InventoryEntry>(applied, StringComparer.Ordinal),
            pruned.Keys.ToHashSet(StringComparer.Ordinal),
            new Dictionary<string, string>(failures, StringComparer.Ordinal),
            errors.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Line).ToList(),
            created, updated, unchanged, repaired,
            claims.OrderBy(c => c.Key, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Applies the object; when another source manages it and has let it go (it is no longer defined, in
    /// configuration or through the API, or no longer has the object in its inventory), takes it over.
    /// </summary>
    private async Task<ResourceResult> ApplyOrClaimAsync(string key, DesiredObject desired, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IResourceGrain>(key);
        var result = await grain.ApplyDesiredAsync(desired, cancellationToken);
        if (OwnerOtherThan(desired.Source, result) is not { } owner
            || (await catalog.FindAsync(owner, cancellationToken) is not null
                && await grains.GetGrain<IGitSourceGrain>(owner).ManagesAsync(key, cancellationToken)))
            return result;
        return await grain.ApplyDesiredAsync(desired with { TakeOverFrom = owner }, cancellationToken);
    }

    /// <summary>The source that manages the object when a Conflict refused the apply because of it.</summary>
    private static string? OwnerOtherThan(string source, ResourceResult result) =>
        result.Outcome == ResourceOutcome.Conflict
        && result.Object?.Metadata.GetLabel(GitOpsMetadata.SourceLabel) is { Length: > 0 } owner && owner != source
            ? owner
            : null;

    /// <summary>Deletes one object this source applied; null when done (or nothing of ours was left), else why not.</summary>
    private async Task<string?> PruneAsync(SourceRun run, PlannedPrune prune, CancellationToken cancellationToken)
    {
        var live = await store.GetAsync(prune.Key, cancellationToken);
        if (live is null || live.Metadata.GetLabel(GitOpsMetadata.SourceLabel) != run.Source)
            return null;
        var result = await grains.GetGrain<IResourceGrain>(prune.Key.ToString()).DeleteAsync(new DeleteRequest("Background", SyncRun: run), cancellationToken);
        if (result.Outcome is ResourceOutcome.Deleted or ResourceOutcome.DeletionPending or ResourceOutcome.NotFound)
        {
            summary.Forget(prune.Key, live.Metadata.ResourceVersionNumber);
            return null;
        }
        return $"could not be pruned: {result.Outcome}: {result.Message}";
    }
}
