using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitOps.GitSync.Status;

/// <summary>
/// The status document, serialized once per change and served from memory with a strong ETag,
/// so polling costs a lookup (or a 304), never a computation per request.
/// </summary>
public sealed class StatusDocumentCache(SourceStatusCache sources, ClusterSummary cluster, TimeProvider time)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly Lock _lock = new();
    private Snapshot? _current;
    private (long Sources, long Cluster) _builtFrom = (-1, -1);

    public sealed record Snapshot(GitOpsStatusDocument Document, byte[] Json, string ETag);

    /// <summary>The latest document, rebuilt first when something changed since it was built.</summary>
    public Snapshot Current
    {
        get
        {
            Refresh();
            return _current!;
        }
    }

    /// <summary>Rebuilds the document when the sources or the cluster counts changed; cheap otherwise.</summary>
    public void Refresh()
    {
        var versions = (sources.Version, cluster.Version);
        if (versions == _builtFrom && _current is not null)
            return;
        lock (_lock)
        {
            if (versions == _builtFrom && _current is not null)
                return;
            var counts = cluster.Snapshot();
            var document = new GitOpsStatusDocument(time.GetUtcNow(), counts.ResourceVersion, sources.Snapshot(), counts.Objects, counts.Nodes,
                counts.PodsByPhase, counts.Deployments);
            var json = JsonSerializer.SerializeToUtf8Bytes(document, JsonOptions);
            var hash = JsonSerializer.SerializeToUtf8Bytes(document with { GeneratedAt = default }, JsonOptions);
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(hash).AsSpan(0, 12))}\"";
            _current = _current?.ETag == etag ? _current : new Snapshot(document, json, etag);
            _builtFrom = versions;
        }
    }
}
