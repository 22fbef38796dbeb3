using GitOps.GitSync.Drift;
using GitOps.GitSync.Git;
using GitOps.GitSync.Logging;
using GitOps.GitSync.Manifests;
using GitOps.GitSync.Planning;
using GitOps.Model.Objects;
using Microsoft.Extensions.Logging;

namespace GitOps.GitSync.Sync;

/// <summary>
/// One sync of one source: fetch, read the commit's manifests (or reuse them when the commit is
/// unchanged), check drift, plan, apply, prune, and describe the result for the source grain.
/// </summary>
public sealed class SourceSyncer(
    SourceWorkspaces workspaces,
    ManifestLoader loader,
    DriftDetector drift,
    ObjectApplier applier,
    ManagedObjectIndex index,
    TimeProvider time,
    ILogger<SourceSyncer> logger)
{
    public async Task<SyncOutcome> SyncAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var spec = request.Spec;
        var read = await ReadAsync(spec, cancellationToken);
        if (read.Failure is not null)
        {
            index.AddSuspects(spec.Name, request.SuspectKeys);
            Log.SyncFailed(logger, spec.Name, read.Failure);
            var failedRun = Run(request, started, read.Commit, SyncRunResult.Failed, read.Failure, []);
            return new SyncOutcome(failedRun, read.FetchedCommit, null, null, null, []);
        }
        try
        {
            return await ApplyAsync(request, started, read, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not OutOfMemoryException)
        {
            // Each object's failure is already its own error; what still escapes is a fault of the run as a whole (the
            // store unreachable for the drift scan, say). The commit was read, so the run and the status name it.
            index.AddSuspects(spec.Name, request.SuspectKeys);
            Log.SyncCrashed(logger, spec.Name, exception);
            var failedRun = Run(request, started, read.Commit, SyncRunResult.Failed,
                $"The sync of commit {read.Commit!.Sha} stopped unexpectedly: {exception.Message}. Objects stay as last synced; it is retried at the next poll.", []);
            return new SyncOutcome(failedRun, read.FetchedCommit, null, null, null, []);
        }
    }

    private async Task<SyncOutcome> ApplyAsync(SyncRequest request, DateTimeOffset started, ReadResult read, CancellationToken cancellationToken)
    {
        var spec = request.Spec;
        var (commit, manifests) = (read.Commit!, read.Manifests!);

        var scan = await drift.ScanAsync(spec.Name, request.Inventory, request.FullDriftCheck, request.SuspectKeys, cancellationToken);
        var drifted = scan.Drifted.Keys.ToHashSet(StringComparer.Ordinal);
        var plan = SyncPlanner.Plan(new PlanInput(
            manifests.Objects, manifests.FailedFiles, manifests.Errors, request.Inventory, spec.Prune,
            spec.SelfHeal ? drifted : new HashSet<string>(StringComparer.Ordinal)));
        var report = await applier.ApplyAsync(spec, commit.Sha, request.RunNumber, plan, cancellationToken);

        var inventory = new Dictionary<string, InventoryEntry>(request.Inventory, StringComparer.Ordinal);
        foreach (var (key, version) in scan.Observed)
            inventory[key] = inventory[key] with { ResourceVersion = version };
        foreach (var (key, entry) in report.Applied)
            inventory[key] = entry;
        foreach (var key in report.Pruned)
            inventory.Remove(key);

        var issues = Issues(spec.SelfHeal, manifests, plan, report, scan);
        var drifts = Drifts(spec.SelfHeal, manifests, scan, report, request.OpenDrifts, started);
        foreach (var record in drifts)
            Log.DriftDetected(logger, spec.Name, record.Object, record.Deleted ? "deleted" : string.Join(", ", record.Fields));
        if (!spec.SelfHeal)
            index.AddSuspects(spec.Name, drifted);

        var errors = plan.Errors.Concat(report.Errors).ToList();
        var run = Run(request, started, commit, errors.Count == 0 ? SyncRunResult.Succeeded : SyncRunResult.Degraded,
            errors.Count == 0 ? null : $"{errors.Count} error(s): fix them in Git; objects of the files at fault were left as last applied.",
            errors) with
        {
            Created = report.Created,
            Updated = report.Updated,
            Unchanged = plan.Unchanged.Count + report.Unchanged,
            Pruned = report.Pruned.Count,
            Failed = report.Failures.Count + plan.Held.Count,
            DriftRepaired = report.DriftRepaired,
        };
        return new SyncOutcome(run, commit.Sha, commit, inventory, issues, drifts, report.Claims);
    }

    /// <summary>Fetches and reads the source's head commit: the commit and its manifests, or what failed.</summary>
    public async Task<ReadResult> ReadAsync(Sources.SourceSpec spec, CancellationToken cancellationToken)
    {
        if (workspaces.Refusal(spec) is { } refusal)
            return new ReadResult(null, null, null, refusal);
        var workspace = workspaces.For(spec);
        await workspace.GitLock.WaitAsync(cancellationToken);
        try
        {
            return await ReadLockedAsync(spec, workspace, cancellationToken);
        }
        finally
        {
            workspace.GitLock.Release();
        }
    }

    private async Task<ReadResult> ReadLockedAsync(Sources.SourceSpec spec, SourceWorkspaces.Workspace workspace, CancellationToken cancellationToken)
    {
        var fetched = await workspace.Mirror.FetchAsync(spec.Branch, cancellationToken);
        if (!fetched.Succeeded)
            return new ReadResult(null, null, null, fetched.Failure!.ToString());
        var commit = await workspace.Mirror.ReadCommitAsync(fetched.Value!, cancellationToken);
        if (!commit.Succeeded)
            return new ReadResult(fetched.Value, null, null, commit.Failure!.ToString());
        if (workspace.Manifests is { } cached && cached.Commit == commit.Value!.Sha)
            return new ReadResult(fetched.Value, commit.Value, cached, null);
        var missing = await workspace.Mirror.FindMissingPathsAsync(commit.Value!.Sha, spec.Paths, cancellationToken);
        if (!missing.Succeeded)
            return new ReadResult(fetched.Value, commit.Value, null, missing.Failure!.ToString());
        if (missing.Value!.Count > 0)
            return new ReadResult(fetched.Value, commit.Value, null, MissingPathsMessage(spec, commit.Value!.Sha, missing.Value));
        var loaded = await loader.LoadAsync(workspace.Mirror, commit.Value!.Sha, spec.Paths, workspace.Manifests, cancellationToken);
        if (!loaded.Succeeded)
            return new ReadResult(fetched.Value, commit.Value, null, loaded.Failure!.ToString());
        workspace.Manifests = loaded.Value;
        return new ReadResult(fetched.Value, commit.Value, loaded.Value, null);
    }

    /// <summary>
    /// A configured path that is not in the commit is a mistake in the source (a typo, a moved folder),
    /// never "no objects": reading it as empty would prune everything the source applied.
    /// </summary>
    private static string MissingPathsMessage(Sources.SourceSpec spec, string commit, IReadOnlyList<string> missing)
    {
        var quoted = string.Join(", ", missing.Select(p => $"'{p}'"));
        var (noun, verb) = missing.Count == 1 ? ("path", "does") : ("paths", "do");
        return $"The {noun} {quoted} of source '{spec.Name}' {verb} not exist in '{RepositoryUrl.Redact(spec.Url)}' " +
            $"at commit {commit} (branch or tag '{spec.Branch}'). Nothing was applied or pruned; objects stay as last synced. " +
            "Correct the source's Paths setting, or commit the folder to the branch.";
    }

    public sealed record ReadResult(string? FetchedCommit, CommitInfo? Commit, LoadedManifests? Manifests, string? Failure);

    private static Dictionary<string, ObjectSyncStatus> Issues(
        bool selfHeal, LoadedManifests manifests, SyncPlan plan, ApplyReport report, DriftScan scan)
    {
        var issues = new Dictionary<string, ObjectSyncStatus>(StringComparer.Ordinal);
        var byKey = manifests.Objects.GroupBy(o => o.Key.ToString()).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var key in plan.Held)
        {
            var declarations = byKey.GetValueOrDefault(key) ?? [];
            var described = SyncPlanner.Describe(ResourceKey.Parse(key));
            var message = declarations.Count > 1
                ? $"declared more than once ({string.Join(", ", declarations.Select(d => $"{d.Path}:{d.Line}"))}); left as last applied"
                : plan.Errors.FirstOrDefault(e => e.Object == described) is { } error
                    ? $"{error.Path}:{error.Line}: {error.Message}"
                    : $"its file failed to load (see the source's errors); left as last applied";
            issues[key] = new ObjectSyncStatus(ObjectSyncCode.Failed, message);
        }
        foreach (var kept in plan.Kept)
            issues[kept.Key.ToString()] = new ObjectSyncStatus(ObjectSyncCode.OutOfSync,
                $"removed from Git ({kept.Entry.Path}) but kept because Prune is off; delete it by hand or turn Prune on");
        if (!selfHeal)
        {
            foreach (var (key, live) in scan.Drifted)
                issues[key] = new ObjectSyncStatus(ObjectSyncCode.OutOfSync, live is null
                    ? "deleted outside Git; SelfHeal is off, so it is not restored"
                    : "changed outside Git; SelfHeal is off, so it is not restored");
        }
        var claimed = report.Claims.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, message) in report.Failures)
            issues[key] = new ObjectSyncStatus(claimed.Contains(key) ? ObjectSyncCode.Conflict : ObjectSyncCode.Failed, message);
        return issues;
    }

    /// <summary>
    /// The drifts to record: each one found, except a drift the source already recorded and still
    /// reports unrepaired (same object, same fields, still deleted or not), so an unchanged drift keeps
    /// its first detection time instead of being recorded again at every poll.
    /// </summary>
    private static List<DriftRecord> Drifts(bool selfHeal, LoadedManifests manifests, DriftScan scan, ApplyReport report,
        IReadOnlyDictionary<string, DriftRecord> open, DateTimeOffset at)
    {
        if (scan.Drifted.Count == 0)
            return [];
        var desired = manifests.Objects.GroupBy(o => o.Key.ToString()).Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
        var records = new List<DriftRecord>();
        foreach (var (key, live) in scan.Drifted)
        {
            var declared = desired.GetValueOrDefault(key);
            var fields = live is null || declared is null ? [] : ManagedFields.Differences(declared.Object, live);
            var record = new DriftRecord(SyncPlanner.Describe(ResourceKey.Parse(key)), declared?.Path ?? "", fields, live is null, at,
                selfHeal && report.Applied.ContainsKey(key));
            var alreadyRecorded = !record.Repaired && open.TryGetValue(record.Object, out var known)
                && known.Deleted == record.Deleted && known.Fields.SequenceEqual(record.Fields, StringComparer.Ordinal);
            if (!alreadyRecorded)
                records.Add(record);
        }
        return records;
    }

    private SyncRunRecord Run(SyncRequest request, DateTimeOffset started, CommitInfo? commit, SyncRunResult result, string? message, IReadOnlyList<SyncError> errors) =>
        new(request.RunNumber, request.Trigger, commit?.Sha, commit?.Message, commit?.Author, started, time.GetUtcNow(), result,
            0, 0, 0, 0, 0, 0, errors, message);
}
