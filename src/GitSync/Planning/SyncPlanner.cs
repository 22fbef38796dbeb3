using GitOps.Model.Objects;
using GitOps.Model.Registry;

namespace GitOps.GitSync.Planning;

/// <summary>
/// Decides what a sync does, as pure code: which objects to create or update (their content
/// hash differs from what was applied, or they drifted), which are unchanged (no call at all),
/// which to prune, and which to leave alone because their file failed or they are declared twice.
/// </summary>
public static class SyncPlanner
{
    public static SyncPlan Plan(PlanInput input)
    {
        var errors = new List<SyncError>(input.LoadErrors);
        var held = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<(LocatedObject Object, int Wave, string Hash, int Rank)>();

        foreach (var group in input.Objects.GroupBy(o => o.Key))
        {
            var declarations = group.ToList();
            if (declarations.Count > 1)
            {
                foreach (var declaration in declarations)
                {
                    var others = string.Join(", ", declarations.Where(d => d != declaration).Select(d => $"{d.Path}:{d.Line}"));
                    errors.Add(new SyncError(declaration.Path, declaration.Line,
                        $"declared more than once (also at {others}); neither declaration is applied until only one remains.", Describe(group.Key)));
                }
                held.Add(group.Key.ToString());
                continue;
            }
            var single = declarations[0];
            if (input.FailedFiles.Contains(single.Path))
            {
                held.Add(single.Key.ToString());
                continue;
            }
            try
            {
                var (wave, waveError) = ApplyOrder.WaveOf(single.Object);
                if (waveError is not null)
                {
                    errors.Add(new SyncError(single.Path, single.Line, waveError, Describe(single.Key)));
                    held.Add(single.Key.ToString());
                    continue;
                }
                candidates.Add((single, wave, single.ContentHashOrCompute(), KindRegistry.ApplyRankOf(single.Key.Type)));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One object that cannot be planned (a fault of ours, not of the manifest) is held, never the whole sync.
                errors.Add(new SyncError(single.Path, single.Line,
                    $"could not be planned ({e.GetType().Name}: {e.Message}); left as last applied. This is a fault in GitSync: report it with the manifest.",
                    Describe(single.Key)));
                held.Add(single.Key.ToString());
            }
        }

        var applies = new List<PlannedApply>();
        var unchanged = new List<string>();
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (located, wave, hash, rank) in candidates)
        {
            var key = located.Key.ToString();
            declared.Add(key);
            if (!input.Inventory.TryGetValue(key, out var entry))
                applies.Add(new PlannedApply(located, hash, wave, rank, ApplyReason.Create));
            else if (entry.DesiredHash != hash)
                applies.Add(new PlannedApply(located, hash, wave, rank, ApplyReason.Update));
            else if (input.Drifted.Contains(key))
                applies.Add(new PlannedApply(located, hash, wave, rank, ApplyReason.RepairDrift));
            else
                unchanged.Add(key);
        }

        var prunes = new List<PlannedPrune>();
        var kept = new List<PlannedPrune>();
        foreach (var (key, entry) in input.Inventory)
        {
            if (declared.Contains(key) || held.Contains(key))
                continue;
            if (input.FailedFiles.Contains(entry.Path))
            {
                held.Add(key);
                continue;
            }
            var prune = new PlannedPrune(ResourceKey.Parse(key), entry);
            (input.Prune ? prunes : kept).Add(prune);
        }

        var steps = applies
            .GroupBy(a => (a.Wave, a.KindRank))
            .OrderBy(g => g.Key.Wave).ThenBy(g => g.Key.KindRank)
            .Select(g => (IReadOnlyList<PlannedApply>)g.ToList())
            .ToList();
        var orderedPrunes = prunes
            .OrderByDescending(p => KindRegistry.ApplyRankOf(p.Key.Type))
            .ThenBy(p => p.Key.ToString(), StringComparer.Ordinal)
            .ToList();
        return new SyncPlan(steps, unchanged, orderedPrunes, kept, held.Order(StringComparer.Ordinal).ToList(), errors);
    }

    public static string Describe(ResourceKey key) =>
        string.IsNullOrEmpty(key.Namespace) ? $"{key.Kind}/{key.Name}" : $"{key.Kind} {key.Namespace}/{key.Name}";
}
