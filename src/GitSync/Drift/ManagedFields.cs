using System.Text.Json.Nodes;
using GitOps.GitSync.Planning;
using GitOps.Model.Objects;

namespace GitOps.GitSync.Drift;

/// <summary>
/// The part of a stored object that Git manages: kind, name, namespace, labels, annotations
/// (except the commit stamp) and every top-level field other than metadata and status (spec,
/// data, rules…). Status, uid, resourceVersion, generation, timestamps and finalizers are the
/// cluster's, so a controller writing status is never drift.
/// </summary>
public static class ManagedFields
{
    public static JsonObject Project(KubeObject obj)
    {
        var projection = new JsonObject();
        foreach (var (name, value) in obj.Root)
        {
            if (name is "metadata" or "status" or "apiVersion")
                continue;
            projection[name] = value?.DeepClone();
        }
        var metadata = new JsonObject
        {
            ["name"] = obj.Metadata.Name,
            ["namespace"] = obj.Metadata.Namespace ?? "",
        };
        if (obj.Metadata.Node["labels"] is JsonObject labels && labels.Count > 0)
            metadata["labels"] = labels.DeepClone();
        if (obj.Metadata.Node["annotations"] is JsonObject annotations)
        {
            var kept = new JsonObject();
            foreach (var (key, value) in annotations)
            {
                if (key != GitOpsMetadata.CommitAnnotation)
                    kept[key] = value?.DeepClone();
            }
            if (kept.Count > 0)
                metadata["annotations"] = kept;
        }
        projection["metadata"] = metadata;
        return projection;
    }

    public static string Hash(KubeObject obj) => ContentHash.Of(Project(obj));

    /// <summary>
    /// The dotted paths of managed fields that differ between what Git declares and what is stored
    /// ("spec.replicas", "metadata.labels.tier"), ignoring the GitOps source stamps Git never declares.
    /// </summary>
    public static IReadOnlyList<string> Differences(KubeObject desired, KubeObject live)
    {
        var left = Project(desired);
        var right = Project(live);
        StripSourceStamps(right);
        var paths = new List<string>();
        Compare(left, right, "", paths);
        return paths;
    }

    private static void StripSourceStamps(JsonObject projection)
    {
        var metadata = (JsonObject)projection["metadata"]!;
        if (metadata["labels"] is JsonObject labels)
        {
            labels.Remove(GitOpsMetadata.SourceLabel);
            if (labels.Count == 0)
                metadata.Remove("labels");
        }
        if (metadata["annotations"] is JsonObject annotations)
        {
            annotations.Remove(GitOpsMetadata.RepositoryAnnotation);
            annotations.Remove(GitOpsMetadata.PathAnnotation);
            if (annotations.Count == 0)
                metadata.Remove("annotations");
        }
    }

    private static void Compare(JsonNode? left, JsonNode? right, string path, List<string> paths)
    {
        if (left is JsonObject l && right is JsonObject r)
        {
            foreach (var name in l.Select(p => p.Key).Union(r.Select(p => p.Key)).Order(StringComparer.Ordinal))
                Compare(l[name], r[name], path.Length == 0 ? name : $"{path}.{name}", paths);
            return;
        }
        if (!JsonNode.DeepEquals(left, right))
            paths.Add(path);
    }
}
