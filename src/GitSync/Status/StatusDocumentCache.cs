using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using GitOps.GitSync.Grains;

namespace GitOps.GitSync.Status;

/// <summary>
/// The status document, serialized once per change and served from memory with a strong ETag,
/// so polling costs one call to the source registry (for the sources' summaries, which every silo
/// shares) and a lookup (or a 304), never a rebuild per request.
/// </summary>
public sealed class StatusDocumentCache(IGrainFactory grains, ClusterSummary cluster, TimeProvider time)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly Lock _lock = new();
    private Snapshot? _current;
    private (long Sources, long Cluster) _builtFrom = (-1, -1);

    public sealed record Snapshot(GitOpsStatusDocument Document, byte[] Json, string ETag);

    /// <summary>The latest document, rebuilt first when the sources or the cluster counts changed since it was built.</summary>
    public async Task<Snapshot> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var sources = await grains.GetGrain<ISourceRegistryGrain>(ISourceRegistryGrain.Key).GetSummariesAsync(cancellationToken);
        var versions = (sources.Version, cluster.Version);
        lock (_lock)
        {
            if (versions == _builtFrom && _current is not null)
                return _current;
            var counts = cluster.Snapshot();
            var document = new GitOpsStatusDocument(time.GetUtcNow(), counts.ResourceVersion, sources.Sources, counts.Objects, counts.Nodes,
                counts.PodsByPhase, counts.Deployments);
            var json = JsonSerializer.SerializeToUtf8Bytes(document, JsonOptions);
            var hash = JsonSerializer.SerializeToUtf8Bytes(document with { GeneratedAt = default }, JsonOptions);
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(hash).AsSpan(0, 12))}\"";
            _current = _current?.ETag == etag ? _current : new Snapshot(document, json, etag);
            _builtFrom = versions;
            return _current;
        }
    }
}
