using GitOps.Model.Objects;

namespace GitOps.GitSync.Drift;

/// <summary>
/// What a drift check found: objects whose managed fields differ from what was applied (with the
/// live object, or null when it was deleted), and newer resourceVersions of objects whose managed
/// fields are intact (status writes), so they need no second look.
/// </summary>
public sealed record DriftScan(IReadOnlyDictionary<string, KubeObject?> Drifted, IReadOnlyDictionary<string, long> Observed)
{
    public static DriftScan None { get; } = new(new Dictionary<string, KubeObject?>(), new Dictionary<string, long>());
}
