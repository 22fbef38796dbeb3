using System.Text.Json.Nodes;
using GitOps.GitSync.Planning;
using GitOps.Model.Objects;

namespace GitOps.GitSync.Drift;

/// <summary>
/// The part of a stored object that Git manages: kind, name, namespace, the source stamps except
/// the commit, and the fields the resource grain records under <c>metadata.managedFields</c>
/// (manager "gitops") as Git's: the spec, data, rules… fields and the labels and annotations Git
/// declares (for an object read from Git, all of them). Status, uid, resourceVersion, timestamps,
/// finalizers and fields others set (a scheduler's spec.nodeName, a controller's revision
/// annotation) are the cluster's, so writing them is never drift.
/// </summary>
public static class ManagedFields
{
    public static JsonObject Project(KubeObject obj)
    {
        var owned = FieldSet.OfManager(obj, GitOpsMetadata.FieldManager);
        var projection = new JsonObject { ["kind"] = obj.Kind };
        // The content fields Git owns; for an object read from Git, or applied before field
        // ownership was recorded, all of them.
        var content = owned is not null && owned.TopLevelFields.Any(field => field != "metadata") ? new KubeObject(owned.Project(obj.Root)) : obj;
        foreach (var field in content.ContentFields)
            projection[field] = content.Root[field]?.DeepClone();
        var ownedLabels = owned is null ? null : owned.Child("metadata", "labels").TopLevelFields.ToHashSet(StringComparer.Ordinal);
        var ownedAnnotations = owned is null ? null : owned.Child("metadata", "annotations").TopLevelFields.ToHashSet(StringComparer.Ordinal);
        var metadata = new JsonObject
        {
            ["name"] = obj.Metadata.Name,
            ["namespace"] = obj.Metadata.Namespace ?? "",
        };
        if (Owned(obj.Metadata.Node["labels"], key => (ownedLabels?.Contains(key) ?? true) || key == GitOpsMetadata.SourceLabel) is { } labels)
            metadata["labels"] = labels;
        if (Owned(obj.Metadata.Node["annotations"], key => key is not (GitOpsMetadata.CommitAnnotation or GitOpsMetadata.SyncRunAnnotation)
                && ((ownedAnnotations?.Contains(key) ?? true) || key is GitOpsMetadata.RepositoryAnnotation or GitOpsMetadata.PathAnnotation)) is { } annotations)
            metadata["annotations"] = annotations;
        projection["metadata"] = metadata;
        return projection;
    }

    private static JsonObject? Owned(JsonNode? map, Func<string, bool> owned)
    {
        if (map is not JsonObject entries)
            return null;
        var kept = new JsonObject();
        foreach (var (key, value) in entries)
        {
            if (owned(key))
                kept[key] = value?.DeepClone();
        }
        return kept.Count > 0 ? kept : null;
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
