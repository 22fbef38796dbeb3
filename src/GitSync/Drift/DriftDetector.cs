using GitOps.GitSync.Planning;
using GitOps.GitSync.Status;
using GitOps.Model.Objects;
using GitOps.Model.Selectors;
using GitOps.Store;

namespace GitOps.GitSync.Drift;

/// <summary>
/// Compares stored objects with what a source applied: an object is drifted when it is gone, or
/// when its resourceVersion moved and the hash of its Git-managed fields no longer matches.
/// Either every object (listed per kind with the source's label) or only those the change feed flagged.
/// </summary>
public sealed class DriftDetector(IResourceStore store, ClusterSummary summary)
{
    private const int ParallelReads = 16;

    public async Task<DriftScan> ScanAsync(
        string source, IReadOnlyDictionary<string, InventoryEntry> inventory, bool full, IReadOnlySet<string> suspects,
        CancellationToken cancellationToken)
    {
        if (inventory.Count == 0)
            return DriftScan.None;
        var live = full
            ? await ListManagedAsync(source, inventory, cancellationToken)
            : await ReadAsync(suspects.Where(inventory.ContainsKey).ToList(), cancellationToken);
        var drifted = new Dictionary<string, KubeObject?>(StringComparer.Ordinal);
        var observed = new Dictionary<string, long>(StringComparer.Ordinal);
        var keys = full ? inventory.Keys : suspects.Where(inventory.ContainsKey);
        foreach (var key in keys)
        {
            var entry = inventory[key];
            if (!live.TryGetValue(key, out var obj) || obj is null)
            {
                drifted[key] = null;
                continue;
            }
            var version = obj.Metadata.ResourceVersionNumber;
            if (version == entry.ResourceVersion)
                continue;
            if (ManagedFields.Hash(obj) == entry.LiveHash)
                observed[key] = version;
            else
                drifted[key] = obj;
        }
        return new DriftScan(drifted, observed);
    }

    private async Task<Dictionary<string, KubeObject?>> ListManagedAsync(
        string source, IReadOnlyDictionary<string, InventoryEntry> inventory, CancellationToken cancellationToken)
    {
        var selector = new LabelSelector([new LabelRequirement(GitOpsMetadata.SourceLabel, SelectorOperator.Equals, [source])]);
        var types = inventory.Keys.Select(k => ResourceKey.Parse(k).Type).Distinct();
        var live = new Dictionary<string, KubeObject?>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            var page = await store.ListAsync(new ListQuery(type, Labels: selector), cancellationToken);
            foreach (var item in page.Items)
            {
                live[ResourceKey.Of(item).ToString()] = item;
                summary.Observe(item);
            }
        }
        return live;
    }

    private async Task<Dictionary<string, KubeObject?>> ReadAsync(List<string> keys, CancellationToken cancellationToken)
    {
        var live = new System.Collections.Concurrent.ConcurrentDictionary<string, KubeObject?>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (key, ct) => live[key] = await store.GetAsync(ResourceKey.Parse(key), ct));
        return new Dictionary<string, KubeObject?>(live, StringComparer.Ordinal);
    }
}
