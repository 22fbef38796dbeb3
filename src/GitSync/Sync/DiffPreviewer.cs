using GitOps.GitSync.Drift;
using GitOps.GitSync.Planning;
using GitOps.GitSync.Sources;
using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.GitSync.Sync;

/// <summary>Computes what the next sync would change without applying anything: fetch, read, compare every object, plan.</summary>
public sealed class DiffPreviewer(SourceSyncer syncer, DriftDetector drift, IResourceStore store)
{
    public async Task<SyncDiff> PreviewAsync(SourceSpec spec, IReadOnlyDictionary<string, InventoryEntry> inventory, CancellationToken cancellationToken)
    {
        var read = await syncer.ReadAsync(spec, cancellationToken);
        if (read.Failure is not null)
            return new SyncDiff(read.FetchedCommit, [], 0, [], read.Failure);
        var manifests = read.Manifests!;
        var scan = await drift.ScanAsync(spec.Name, inventory, full: true, new HashSet<string>(), cancellationToken);
        var plan = SyncPlanner.Plan(new PlanInput(manifests.Objects, manifests.FailedFiles, manifests.Errors, inventory, spec.Prune,
            scan.Drifted.Keys.ToHashSet(StringComparer.Ordinal)));

        var changes = new List<DiffEntry>();
        foreach (var apply in plan.Applies)
        {
            var fields = apply.Reason == ApplyReason.Create
                ? (IReadOnlyList<string>)[]
                : await FieldsAsync(apply.Source, scan, cancellationToken);
            var action = apply.Reason switch
            {
                ApplyReason.Create => DiffAction.Create,
                ApplyReason.Update => DiffAction.Update,
                _ => spec.SelfHeal ? DiffAction.RepairDrift : DiffAction.Held,
            };
            changes.Add(new DiffEntry(SyncPlanner.Describe(apply.Key), apply.Source.Path, action, fields));
        }
        changes.AddRange(plan.Prunes.Select(p => new DiffEntry(SyncPlanner.Describe(p.Key), p.Entry.Path, DiffAction.Prune, [])));
        changes.AddRange(plan.Kept.Select(p => new DiffEntry(SyncPlanner.Describe(p.Key), p.Entry.Path, DiffAction.KeepRemoved, [])));
        changes.AddRange(plan.Held.Select(k => new DiffEntry(SyncPlanner.Describe(ResourceKey.Parse(k)), inventory.GetValueOrDefault(k)?.Path, DiffAction.Held, [])));
        return new SyncDiff(read.Commit?.Sha, changes, plan.Unchanged.Count, plan.Errors, null);
    }

    private async Task<IReadOnlyList<string>> FieldsAsync(LocatedObject desired, DriftScan scan, CancellationToken cancellationToken)
    {
        var key = desired.Key.ToString();
        var live = scan.Drifted.TryGetValue(key, out var drifted) ? drifted : await store.GetAsync(desired.Key, cancellationToken);
        return live is null ? ["(missing)"] : ManagedFields.Differences(desired.Object, live);
    }
}
