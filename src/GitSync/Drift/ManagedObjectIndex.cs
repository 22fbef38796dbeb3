using GitOps.GitSync.Planning;

namespace GitOps.GitSync.Drift;

/// <summary>
/// In memory, per silo: which source applied each object, at which resourceVersion and with which
/// managed-field hash, so the change-feed reader can tell a write made outside Git from the
/// source's own. Also the keys flagged as drifted since a source's last sync.
/// </summary>
public sealed class ManagedObjectIndex
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Managed> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _bySource = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _suspects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fullCheckRequested = new(StringComparer.Ordinal);

    public readonly record struct Managed(string Source, long ResourceVersion, string LiveHash);

    /// <summary>True while the change feed is followed without gaps; otherwise syncs compare every object.</summary>
    public bool IsWatching { get; private set; }

    public void ReplaceSource(string source, IReadOnlyDictionary<string, InventoryEntry> inventory)
    {
        lock (_lock)
        {
            RemoveSourceLocked(source);
            var keys = new HashSet<string>(inventory.Keys, StringComparer.Ordinal);
            _bySource[source] = keys;
            foreach (var (key, entry) in inventory)
                _objects[key] = new Managed(source, entry.ResourceVersion, entry.LiveHash);
        }
    }

    public void RemoveSource(string source)
    {
        lock (_lock)
        {
            RemoveSourceLocked(source);
            _suspects.Remove(source);
        }
    }

    public Managed? Find(string key)
    {
        lock (_lock)
            return _objects.TryGetValue(key, out var managed) ? managed : null;
    }

    /// <summary>Marks an object as being applied by its source: change events for it are the source's own until <see cref="EndApply"/>.</summary>
    public void BeginApply(string key)
    {
        lock (_lock)
            _inFlight[key] = _inFlight.GetValueOrDefault(key) + 1;
    }

    public void EndApply(string source, string key, InventoryEntry? entry)
    {
        lock (_lock)
        {
            if (_inFlight.TryGetValue(key, out var count) && count > 1)
                _inFlight[key] = count - 1;
            else
                _inFlight.Remove(key);
            if (entry is null)
                return;
            _objects[key] = new Managed(source, entry.ResourceVersion, entry.LiveHash);
            if (!_bySource.TryGetValue(source, out var keys))
                _bySource[source] = keys = new HashSet<string>(StringComparer.Ordinal);
            keys.Add(key);
        }
    }

    /// <summary>Ends a prune begun with <see cref="BeginApply"/>; a pruned object is no longer managed.</summary>
    public void EndPrune(string source, string key, bool pruned)
    {
        lock (_lock)
        {
            if (_inFlight.TryGetValue(key, out var count) && count > 1)
                _inFlight[key] = count - 1;
            else
                _inFlight.Remove(key);
            if (!pruned)
                return;
            if (_objects.TryGetValue(key, out var managed) && managed.Source == source)
                _objects.Remove(key);
            if (_bySource.TryGetValue(source, out var keys))
                keys.Remove(key);
        }
    }

    public bool IsInFlight(string key)
    {
        lock (_lock)
            return _inFlight.ContainsKey(key);
    }

    /// <summary>Records that a newer version of the object still has the applied managed fields (a status write, say).</summary>
    public void Observe(string key, long resourceVersion)
    {
        lock (_lock)
        {
            if (_objects.TryGetValue(key, out var managed) && resourceVersion > managed.ResourceVersion)
                _objects[key] = managed with { ResourceVersion = resourceVersion };
        }
    }

    /// <summary>Flags an object as drifted; true when it was not flagged yet.</summary>
    public bool AddSuspect(string source, string key)
    {
        lock (_lock)
        {
            if (!_suspects.TryGetValue(source, out var keys))
                _suspects[source] = keys = new HashSet<string>(StringComparer.Ordinal);
            return keys.Add(key);
        }
    }

    public void AddSuspects(string source, IEnumerable<string> keys)
    {
        foreach (var key in keys)
            AddSuspect(source, key);
    }

    /// <summary>The keys flagged for a source since the last call, and whether every object must be compared.</summary>
    public (IReadOnlySet<string> Keys, bool FullCheck) TakeSuspects(string source)
    {
        lock (_lock)
        {
            var full = _fullCheckRequested.Remove(source) || !IsWatching;
            if (!_suspects.Remove(source, out var keys))
                return (new HashSet<string>(StringComparer.Ordinal), full);
            return (keys, full);
        }
    }

    /// <summary>The change feed is followed from now on (true), or it lost events and every source must compare everything (false).</summary>
    public void SetWatching(bool watching)
    {
        lock (_lock)
        {
            if (!watching || !IsWatching)
            {
                foreach (var source in _bySource.Keys)
                    _fullCheckRequested.Add(source);
            }
            IsWatching = watching;
        }
    }

    private void RemoveSourceLocked(string source)
    {
        if (!_bySource.Remove(source, out var keys))
            return;
        foreach (var key in keys)
        {
            if (_objects.TryGetValue(key, out var managed) && managed.Source == source)
                _objects.Remove(key);
        }
    }
}
