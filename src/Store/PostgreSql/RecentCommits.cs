using GitOps.Model.Objects;

namespace GitOps.Store.PostgreSql;

/// <summary>
/// The latest change-log entries this process committed, so a reader of the log right behind its
/// head (the silo's change-log follower, which feeds the informers and the watch cache) gets them
/// without a round trip to PostgreSQL. Only an unbroken run of versions starting right after the
/// reader's is answered from here: a version committed by another process, or one older than what
/// is kept, sends the reader to the database. Entries are added once committed (durable and
/// visible), so whatever is answered here is also in the table; the store forgets them all when it
/// compacts the log (a reader behind the compaction point must hear Expired from the database) or
/// finds the database unreachable (readers then hear that it is).
/// </summary>
internal sealed class RecentCommits(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, CommittedChange> _byVersion = [];
    private readonly Queue<long> _order = new();

    public void Add(IReadOnlyList<CommittedChange> changes)
    {
        lock (_gate)
        {
            foreach (var change in changes)
            {
                if (!_byVersion.TryAdd(change.ResourceVersion, change))
                    continue;
                _order.Enqueue(change.ResourceVersion);
                while (_order.Count > capacity)
                    _byVersion.Remove(_order.Dequeue());
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byVersion.Clear();
            _order.Clear();
        }
    }

    /// <summary>The entries after <paramref name="after"/> held here without a gap (up to <paramref name="max"/>); null when the next one is not.</summary>
    public ChangeBatch? TryRead(long after, int max)
    {
        var found = new List<CommittedChange>();
        lock (_gate)
        {
            while (found.Count < max && _byVersion.TryGetValue(after + found.Count + 1, out var next))
                found.Add(next);
        }
        if (found.Count == 0)
            return null;
        var events = found.Select(c => new ChangeEvent(c.ResourceVersion, c.Type, c.Key, KubeObject.FromJson(c.Json))).ToArray();
        return new ChangeBatch(events, Expired: false, OldestAvailable: found[0].ResourceVersion);
    }
}
