using System.Text.Json.Nodes;
using GitOps.Model.Json;
using GitOps.Grains.Health;
using GitOps.Model.Objects;

namespace GitOps.GitSync.Status;

/// <summary>
/// Counts for dashboards, kept in memory and updated from objects as they are seen (initial list,
/// change feed, syncs): nodes ready/total, pods by phase, deployments available/desired, and the
/// health of every Git-managed object.
/// </summary>
public sealed class ClusterSummary
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, bool> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Desired, long Available)> _deployments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Kind, HealthStatus Health)> _managed = new(StringComparer.Ordinal);
    private long _version;
    private long _resourceVersion;

    /// <summary>The kinds counted whether Git manages them or not; their state must stay exact, so they are followed by informers.</summary>
    public static IReadOnlyList<ResourceType> CountedTypes { get; } = [new("", "Node"), new("", "Pod"), new("apps", "Deployment")];

    public long Version => Interlocked.Read(ref _version);

    public void Observe(KubeObject obj)
    {
        var key = ResourceKey.Of(obj).ToString();
        var version = obj.Metadata.ResourceVersionNumber;
        lock (_lock)
        {
            switch ((obj.Group, obj.Kind))
            {
                case ("", "Node"):
                    _nodes[key] = IsReady(obj);
                    break;
                case ("", "Pod"):
                    _pods[key] = obj.Status?["phase"] is JsonValue phase && phase.TryGetValue<string>(out var text) ? text : "Pending";
                    break;
                case ("apps", "Deployment"):
                    _deployments[key] = (Number(obj.Spec, "replicas") ?? 1, Number(obj.Status, "availableReplicas") ?? 0);
                    break;
            }
            if (obj.Metadata.GetLabel(GitOpsMetadata.SourceLabel) is not null)
                _managed[key] = (obj.Kind, HealthAssessor.Assess(obj));
            else
                _managed.Remove(key);
            _resourceVersion = Math.Max(_resourceVersion, version);
            _version++;
        }
    }

    public void Forget(ResourceKey key, long resourceVersion)
    {
        var text = key.ToString();
        lock (_lock)
        {
            _nodes.Remove(text);
            _pods.Remove(text);
            _deployments.Remove(text);
            _managed.Remove(text);
            _resourceVersion = Math.Max(_resourceVersion, resourceVersion);
            _version++;
        }
    }

    /// <summary>The health of a Git-managed object, when it has been seen.</summary>
    public HealthStatus? HealthOf(string key)
    {
        lock (_lock)
            return _managed.TryGetValue(key, out var managed) ? managed.Health : null;
    }

    public ClusterCounts Snapshot()
    {
        lock (_lock)
        {
            var byKind = _managed.Values
                .GroupBy(m => m.Kind, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => CountByHealth(g.Select(m => m.Health.Status)), StringComparer.Ordinal);
            return new ClusterCounts(
                _resourceVersion,
                new ObjectCounts(_managed.Count, byKind, CountByHealth(_managed.Values.Select(m => m.Health.Status))),
                new NodeCounts(_nodes.Values.Count(r => r), _nodes.Count),
                _pods.Values.GroupBy(p => p, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
                new DeploymentCounts(_deployments.Count, _deployments.Values.Sum(d => d.Desired), _deployments.Values.Sum(d => d.Available)));
        }
    }

    private static Dictionary<string, int> CountByHealth(IEnumerable<HealthStatusCode> codes) =>
        codes.GroupBy(c => c).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(), g => g.Count(), StringComparer.Ordinal);

    private static bool IsReady(KubeObject node) =>
        node.Status?["conditions"] is JsonArray conditions
        && conditions.OfType<JsonObject>().Any(c => Text(c, "type") == "Ready" && Text(c, "status") == "True");

    private static string? Text(JsonObject parent, string name) =>
        parent[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long? Number(JsonObject? parent, string name) => JsonFields.ToLong(parent?[name]);
}
