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
        var declared = ManagedFieldEntries.Declared(desired.Object, GitOpsMetadata.IsSourceStamp);
        var now = TimeProvider.System.GetUtcNow();

        if (_current is null)
        {
            var created = desired.Object.DeepClone();
            foreach (var field in SystemMetadataFields)
                created.Metadata.Node.Remove(field);
            StampSource(created, desired, desired.Commit);
            ManagedFieldEntries.Record(created, GitOpsMetadata.FieldManager, ManagedFieldEntries.ApplyOperation, FieldSet.Declared(declared), now);
            PrepareForCreate(created);
            return await CommitAsync(ResourceWrite.Create(created), ResourceOutcome.Created, cancellationToken);
        }

        var next = _current.DeepClone();
        next.ApiVersion = desired.Object.ApiVersion;
        ManagedFieldEntries.Apply(next, GitOpsMetadata.FieldManager, declared, now);
        StampSource(next, desired, _current.Metadata.GetAnnotation(GitOpsMetadata.CommitAnnotation));

        if (ObjectContent.SameIgnoringResourceVersion(next, _current))
            return new ResourceResult(ResourceOutcome.Unchanged, _current);
        next.Metadata.SetAnnotation(GitOpsMetadata.CommitAnnotation, desired.Commit);
        if (ObjectContent.DesiredStateDiffers(next, _current))
            next.Metadata.Generation = _current.Metadata.Generation + 1;
        return await CommitAsync(ResourceWrite.Update(next, _current.Metadata.ResourceVersionNumber), ResourceOutcome.Updated, cancellationToken);
    }

    private static void StampSource(KubeObject obj, DesiredObject desired, string? commit)
    {
        obj.Metadata.SetLabel(GitOpsMetadata.SourceLabel, desired.Source);
        obj.Metadata.SetAnnotation(GitOpsMetadata.RepositoryAnnotation, desired.Repository);
        obj.Metadata.SetAnnotation(GitOpsMetadata.PathAnnotation, desired.Path);
        obj.Metadata.SetAnnotation(GitOpsMetadata.CommitAnnotation, commit);
    }
}
