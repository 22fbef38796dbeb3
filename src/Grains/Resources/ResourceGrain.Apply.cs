using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Resources;

internal sealed partial class ResourceGrain
{
    private static readonly string[] SystemMetadataFields =
        ["uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields"];

    /// <summary>
    /// Makes the object what Git declares. Git owns every top-level field except metadata and
    /// status, and the labels and annotations it declares; the cluster owns status, uid,
    /// timestamps, finalizers, ownerReferences and labels/annotations others added. Label and
    /// annotation keys Git set last time (recorded in managedFields) and no longer declares are
    /// removed. A difference only in the commit stamp is Unchanged: the commit annotation names
    /// the commit that last changed the object, so a new commit costs no write for the objects it
    /// did not touch.
    /// </summary>
    public async Task<ResourceResult> ApplyDesiredAsync(DesiredObject desired, CancellationToken cancellationToken)
    {
        if (KeyMismatch(desired.Object) is { } invalid)
            return invalid;
        await EnsureLoadedAsync(cancellationToken);
        var gitLabels = WithoutStamps(desired.Object.Metadata.Labels, GitOpsMetadata.SourceLabel);
        var gitAnnotations = WithoutStamps(desired.Object.Metadata.Annotations,
            GitOpsMetadata.RepositoryAnnotation, GitOpsMetadata.PathAnnotation, GitOpsMetadata.CommitAnnotation);
        var now = TimeProvider.System.GetUtcNow();

        if (_current is null)
        {
            var created = desired.Object.DeepClone();
            foreach (var field in SystemMetadataFields)
                created.Metadata.Node.Remove(field);
            StampSource(created, desired, desired.Commit);
            GitManagedFields.Write(created, gitLabels.Keys, gitAnnotations.Keys, now);
            PrepareForCreate(created);
            return await CommitAsync(ResourceWrite.Create(created), ResourceOutcome.Created, cancellationToken);
        }

        var next = _current.DeepClone();
        next.ApiVersion = desired.Object.ApiVersion;
        foreach (var field in ObjectContent.DesiredStateFields(next))
            next.Root.Remove(field);
        foreach (var field in ObjectContent.DesiredStateFields(desired.Object))
            next.Root[field] = desired.Object.Root[field]!.DeepClone();

        var (previousLabels, previousAnnotations) = GitManagedFields.Read(_current);
        foreach (var key in previousLabels.Where(k => !gitLabels.ContainsKey(k)))
            next.Metadata.SetLabel(key, null);
        foreach (var key in previousAnnotations.Where(k => !gitAnnotations.ContainsKey(k)))
            next.Metadata.SetAnnotation(key, null);
        foreach (var (key, value) in gitLabels)
            next.Metadata.SetLabel(key, value);
        foreach (var (key, value) in gitAnnotations)
            next.Metadata.SetAnnotation(key, value);
        StampSource(next, desired, _current.Metadata.GetAnnotation(GitOpsMetadata.CommitAnnotation));
        GitManagedFields.Write(next, gitLabels.Keys, gitAnnotations.Keys, now);

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

    private static Dictionary<string, string> WithoutStamps(IReadOnlyDictionary<string, string> map, params string[] stamps) =>
        map.Where(e => !stamps.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
