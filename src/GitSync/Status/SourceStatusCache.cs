using System.Collections.Concurrent;
using GitOps.GitSync.Git;
using GitOps.GitSync.Grains;
using GitOps.GitSync.Sync;

namespace GitOps.GitSync.Status;

/// <summary>The latest summary of every source active on this silo, kept in memory for the status document.</summary>
public sealed class SourceStatusCache
{
    private readonly ConcurrentDictionary<string, SourceSummary> _sources = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>Increases on every change, so readers know when to rebuild.</summary>
    public long Version => Interlocked.Read(ref _version);

    public IReadOnlyList<SourceSummary> Snapshot() => _sources.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

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
        if (_sources.TryRemove(name, out _))
            Interlocked.Increment(ref _version);
    }
}
