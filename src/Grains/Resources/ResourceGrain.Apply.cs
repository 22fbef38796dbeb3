using System.Globalization;
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
        if (StaleSyncRun(new SourceRun(desired.Source, desired.Run)) is { } stale)
            return stale;
        if (ManagedByAnotherSource(desired) is { } claimed)
            return claimed;
        var declared = ManagedFieldEntries.Declared(desired.Object, GitOpsMetadata.IsSourceStamp);
        var now = time.GetUtcNow();

        if (_current is null)
        {
            var created = desired.Object.DeepClone();
            foreach (var field in SystemMetadataFields)
                created.Metadata.Node.Remove(field);
            StampSource(created, desired, desired.Commit, desired.Run);
            ManagedFieldEntries.Record(created, GitOpsMetadata.FieldManager, ManagedFieldEntries.ApplyOperation, FieldSet.Declared(declared), now);
            return await CreateNewAsync(created, cancellationToken);
        }

        var next = _current.DeepClone();
        next.ApiVersion = desired.Object.ApiVersion;
        ManagedFieldEntries.Apply(next, GitOpsMetadata.FieldManager, declared, now);
        StampSource(next, desired, _current.Metadata.GetAnnotation(GitOpsMetadata.CommitAnnotation), RunOf(_current, desired.Source));

        if (ObjectContent.SameIgnoringResourceVersion(next, _current))
            return new ResourceResult(ResourceOutcome.Unchanged, _current);
        next.Metadata.SetAnnotation(GitOpsMetadata.CommitAnnotation, desired.Commit);
        SetRun(next, desired.Run);
        if (ObjectContent.DesiredStateDiffers(next, _current))
            next.Metadata.Generation = _current.Metadata.Generation + 1;
        if (Validate(next) is { } invalidUpdate)
            return invalidUpdate;
        return await CommitAsync(ResourceWrite.Update(next, _current.Metadata.ResourceVersionNumber), ResourceOutcome.Updated, cancellationToken);
    }

    private static void StampSource(KubeObject obj, DesiredObject desired, string? commit, long run)
    {
        obj.Metadata.SetLabel(GitOpsMetadata.SourceLabel, desired.Source);
        obj.Metadata.SetAnnotation(GitOpsMetadata.RepositoryAnnotation, desired.Repository);
        obj.Metadata.SetAnnotation(GitOpsMetadata.PathAnnotation, desired.Path);
        obj.Metadata.SetAnnotation(GitOpsMetadata.CommitAnnotation, commit);
        SetRun(obj, run);
    }

    private static void SetRun(KubeObject obj, long run)
    {
        obj.Metadata.SetAnnotation(GitOpsMetadata.SyncRunAnnotation, run > 0 ? run.ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>The run of <paramref name="source"/> that last changed the object; 0 when another source or none did.</summary>
    private static long RunOf(KubeObject obj, string source) =>
        obj.Metadata.GetLabel(GitOpsMetadata.SourceLabel) == source
        && long.TryParse(obj.Metadata.GetAnnotation(GitOpsMetadata.SyncRunAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var run)
            ? run
            : 0;

    /// <summary>
    /// Conflict when another Git source manages the object: two sources declaring one object would
    /// overwrite each other on every sync. The source that applied it first keeps it until it lets go.
    /// </summary>
    private ResourceResult? ManagedByAnotherSource(DesiredObject desired)
    {
        var owner = _current?.Metadata.GetLabel(GitOpsMetadata.SourceLabel);
        if (string.IsNullOrEmpty(owner) || owner == desired.Source || owner == desired.TakeOverFrom)
            return null;
        var metadata = _current!.Metadata;
        return new ResourceResult(ResourceOutcome.Conflict, _current,
            $"{Describe(_key)} is managed by Git source \"{owner}\" ({metadata.GetAnnotation(GitOpsMetadata.PathAnnotation)} in " +
            $"{metadata.GetAnnotation(GitOpsMetadata.RepositoryAnnotation)}, commit {metadata.GetAnnotation(GitOpsMetadata.CommitAnnotation)}); " +
            $"source \"{desired.Source}\" also declares it in {desired.Path}. Remove it from one of the two sources.");
    }

    /// <summary>
    /// Conflict when a later run of the same source already changed the object: the writer is a run
    /// that started before the source's grain moved to another silo (its silo froze and was declared
    /// dead), and what it read from Git is older than what is stored.
    /// </summary>
    private ResourceResult? StaleSyncRun(SourceRun run)
    {
        if (_current is null || run.Number <= 0 || RunOf(_current, run.Source) is var latest && latest <= run.Number)
            return null;
        return new ResourceResult(ResourceOutcome.Conflict, _current,
            $"{Describe(_key)} was last changed by run {latest} of Git source \"{run.Source}\"; run {run.Number} of it is stale and may not change or delete it.");
    }
}
