using GitOps.Model.Objects;
using GitOps.Model.Selectors;
using GitOps.Store;

namespace GitOps.Gateway.Watch;

/// <summary>
/// Applies a watch's label and field selectors to change events, the way the apiserver does: an
/// object that starts matching is ADDED, one that stops matching is DELETED. Whether the object
/// matched before is judged from its previous state when the cache has it, otherwise from what
/// this watch has already sent.
/// </summary>
internal sealed class WatchFilter(LabelSelector labels, FieldSelector fields)
{
    private readonly HashSet<ResourceKey> _sent = [];
    private readonly bool _everything = labels.IsEmpty && fields.IsEmpty;

    public bool Matches(KubeObject obj) =>
        _everything || (fields.Matches(obj) && (labels.IsEmpty || labels.Matches(obj.Metadata.Labels)));

    /// <summary>Records an object sent as a synthetic ADDED at the start of the watch.</summary>
    public void MarkSent(ResourceKey key)
    {
        if (!_everything)
            _sent.Add(key);
    }

    /// <summary>The event type to send for this change, or null to send nothing.</summary>
    public string? Decide(CachedEvent cached)
    {
        var change = cached.Change;
        if (_everything)
            return Name(change.Type);
        var matches = Matches(change.Object);
        var matched = cached.Previous is { } previous ? Matches(previous) : _sent.Contains(change.Key);
        string? type = change.Type switch
        {
            ChangeType.Added => matches ? "ADDED" : null,
            ChangeType.Modified when matches => matched ? "MODIFIED" : "ADDED",
            ChangeType.Modified => matched ? "DELETED" : null,
            _ => matches || matched ? "DELETED" : null,
        };
        if (type is "ADDED" or "MODIFIED")
            _sent.Add(change.Key);
        else if (type is "DELETED")
            _sent.Remove(change.Key);
        return type;
    }

    private static string Name(ChangeType type) => type switch
    {
        ChangeType.Added => "ADDED",
        ChangeType.Modified => "MODIFIED",
        _ => "DELETED",
    };
}
