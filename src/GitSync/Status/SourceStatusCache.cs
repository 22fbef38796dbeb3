using System.Collections.Concurrent;
using GitOps.GitSync.Git;
using GitOps.GitSync.Grains;
using GitOps.GitSync.Planning;
using GitOps.GitSync.Sync;
using GitOps.Model.Objects;

namespace GitOps.GitSync.Status;

/// <summary>
/// The latest summary of every source active on this silo, kept in memory for the status document,
/// and the drifts each source still reports, so a sync records an unchanged drift only once.
/// Source grains publish here when they activate and after every sync.
/// </summary>
public sealed class SourceStatusCache
{
    private static readonly IReadOnlyDictionary<string, DriftRecord> NoDrifts = new Dictionary<string, DriftRecord>();

    private readonly ConcurrentDictionary<string, SourceSummary> _sources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, DriftRecord>> _openDrifts = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>Increases on every change, so readers know when to rebuild.</summary>
    public long Version => Interlocked.Read(ref _version);

    public IReadOnlyList<SourceSummary> Snapshot() => _sources.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The source's open drifts by object (as <see cref="DriftRecord.Object"/> names it): the latest
    /// record of each object whose drift was not repaired and which the source still reports out of sync or failed.
    /// </summary>
    public IReadOnlyDictionary<string, DriftRecord> OpenDrifts(string source) => _openDrifts.GetValueOrDefault(source) ?? NoDrifts;

    internal void Update(GitSourceState state)
    {
        var spec = state.Spec!;
        _sources[spec.Name] = new SourceSummary(
            spec.Name,
            RepositoryUrl.Redact(spec.Url),
            spec.Branch,
            state.Phase,
            state.LastSyncedCommit?.Sha,
            state.LastSyncedCommit?.Message,
            state.LastSyncedAt,
            state.Inventory.Count,
            state.Errors.Count,
            state.Issues.Values.Count(i => i.Status == ObjectSyncCode.OutOfSync));
        _openDrifts[spec.Name] = FindOpenDrifts(state);
        Interlocked.Increment(ref _version);
    }

    internal void MarkSyncing(string name)
    {
        if (_sources.TryGetValue(name, out var summary))
        {
            _sources[name] = summary with { Phase = SourcePhase.Syncing };
            Interlocked.Increment(ref _version);
        }
    }

    internal void Remove(string name)
    {
        _openDrifts.TryRemove(name, out _);
        if (_sources.TryRemove(name, out _))
            Interlocked.Increment(ref _version);
    }

    private static IReadOnlyDictionary<string, DriftRecord> FindOpenDrifts(GitSourceState state)
    {
        if (state.Drifts.Count == 0 || state.Issues.Count == 0)
            return NoDrifts;
        var reported = state.Issues.Where(p => p.Value.Status != ObjectSyncCode.Synced)
            .Select(p => SyncPlanner.Describe(ResourceKey.Parse(p.Key)))
            .ToHashSet(StringComparer.Ordinal);
        var latest = new Dictionary<string, DriftRecord>(StringComparer.Ordinal);
        foreach (var record in state.Drifts)
            latest[record.Object] = record;
        return latest.Where(p => !p.Value.Repaired && reported.Contains(p.Key))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
