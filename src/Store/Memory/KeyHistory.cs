using GitOps.Model.Objects;

namespace GitOps.Store.Memory;

/// <summary>
/// The versions of one key that the change log still covers, oldest first; a null object marks a
/// deletion. The last entry is the key's current state.
/// </summary>
internal sealed class KeyHistory
{
    private readonly List<(long ResourceVersion, KubeObject? Object)> _versions = [];

    public KubeObject? Current => _versions.Count == 0 ? null : _versions[^1].Object;

    public long CurrentResourceVersion => _versions.Count == 0 ? 0 : _versions[^1].ResourceVersion;

    public bool IsEmpty => _versions.Count == 0;

    public void Add(long resourceVersion, KubeObject? obj) => _versions.Add((resourceVersion, obj));

    /// <summary>The object as it was at <paramref name="resourceVersion"/>, or null when it did not exist then.</summary>
    public KubeObject? At(long resourceVersion)
    {
        for (var i = _versions.Count - 1; i >= 0; i--)
        {
            if (_versions[i].ResourceVersion <= resourceVersion)
                return _versions[i].Object;
        }
        return null;
    }

    /// <summary>
    /// Forgets versions at or before <paramref name="compactedThrough"/>, keeping the latest of them
    /// when it is not a deletion, so snapshots at or after that point can still be read.
    /// </summary>
    public void Compact(long compactedThrough)
    {
        var latestCovered = _versions.FindLastIndex(v => v.ResourceVersion <= compactedThrough);
        if (latestCovered < 0)
            return;
        var keepLatestCovered = _versions[latestCovered].Object is not null;
        _versions.RemoveRange(0, keepLatestCovered ? latestCovered : latestCovered + 1);
    }
}
