using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Resources;

internal sealed partial class ResourceGrain
{
    private static readonly string[] SystemMetadataFields =
        ["uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields"];

    /// <summary>
    /// Makes the object what Git declares, as server-side apply does for one field manager: Git
    /// owns the fields it declares (every field but metadata and status, and the labels and
    /// annotations it sets), recorded in managedFields. Declared fields are written over the
    /// stored object, maps entry by entry and lists whole; fields Git declared last time and no
    /// longer declares are removed; fields others set (status, a scheduler's spec.nodeName,
    /// finalizers, a controller's annotations) stay. A difference only in the commit stamp is
    /// Unchanged: the commit annotation names the commit that last changed the object, so a new
    /// commit costs no write for the objects it did not touch.
    /// </summary>
    public async Task<ResourceResult> ApplyDesiredAsync(DesiredObject desired, CancellationToken cancellationToken)
    {
        if (KeyMismatch(desired.Object) is { } invalid)
            return invalid;
        await EnsureLoadedAsync(cancellationToken);
        var declared = DeclaredByGit(desired.Object);
        var owned = FieldSet.Declared(declared);
        var now = TimeProvider.System.GetUtcNow();

        if (_current is null)
        {
            var created = desired.Object.DeepClone();
            foreach (var field in SystemMetadataFields)
                created.Metadata.Node.Remove(field);
            StampSource(created, desired, desired.Commit);
            GitManagedFields.Write(created, owned, now);
            PrepareForCreate(created);
            return await CommitAsync(ResourceWrite.Create(created), ResourceOutcome.Created, cancellationToken);
        }

        var next = _current.DeepClone();
        next.ApiVersion = desired.Object.ApiVersion;
        GitManagedFields.Read(_current).RemoveFieldsNotIn(owned, next.Root);
        FieldSet.Merge(declared, next.Root);
        StampSource(next, desired, _current.Metadata.GetAnnotation(GitOpsMetadata.CommitAnnotation));
        GitManagedFields.Write(next, owned, now);

        if (ObjectContent.SameIgnoringResourceVersion(next, _current))
            return new ResourceResult(ResourceOutcome.Unchanged, _current);
        next.Metadata.SetAnnotation(GitOpsMetadata.CommitAnnotation, desired.Commit);
        if (ObjectContent.DesiredStateDiffers(next, _current))
            next.Metadata.Generation = _current.Metadata.Generation + 1;
        return await CommitAsync(ResourceWrite.Update(next, _current.Metadata.ResourceVersionNumber), ResourceOutcome.Updated, cancellationToken);
    }

    /// <summary>The fields Git sets: every top-level field but metadata and status, and the labels and annotations other than the source stamps.</summary>
    private static JsonObject DeclaredByGit(KubeObject obj)
    {
        var declared = new JsonObject();
        foreach (var field in ObjectContent.DesiredStateFields(obj))
            declared[field] = obj.Root[field]?.DeepClone();
        var metadata = new JsonObject();
        if (Map(WithoutStamps(obj.Metadata.Labels, GitOpsMetadata.SourceLabel)) is { } labels)
            metadata["labels"] = labels;
        var annotations = WithoutStamps(obj.Metadata.Annotations,
            GitOpsMetadata.RepositoryAnnotation, GitOpsMetadata.PathAnnotation, GitOpsMetadata.CommitAnnotation);
        if (Map(annotations) is { } annotationMap)
            metadata["annotations"] = annotationMap;
        if (metadata.Count > 0)
            declared["metadata"] = metadata;
        return declared;
    }

    private static JsonObject? Map(Dictionary<string, string> entries)
    {
        if (entries.Count == 0)
            return null;
        var map = new JsonObject();
        foreach (var (key, value) in entries)
            map[key] = value;
        return map;
    }

    private static void StampSource(KubeObject obj, DesiredObject desired, string? commit)
    {
        obj.Metadata.SetLabel(GitOpsMetadata.SourceLabel, desired.Source);
        obj.Metadata.SetAnnotation(GitOpsMetadata.RepositoryAnnotation, desired.Repository);
        obj.Metadata.SetAnnotation(GitOpsMetadata.PathAnnotation, desired.Path);
        obj.Metadata.SetAnnotation(GitOpsMetadata.CommitAnnotation, commit);
    }

    private static Dictionary<string, string> WithoutStamps(IReadOnlyDictionary<string, string> map, params string[] stamps) =>
        map.Where(e => !stamps.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
