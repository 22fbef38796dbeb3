using GitOps.GitSync.Git;
using GitOps.GitSync.Sources;
using GitOps.Model.Objects;

namespace GitOps.GitSync.Drift;

/// <summary>
/// Finds the source that manages an object from the labels and annotations GitSync puts on it,
/// and the source's SelfHeal setting. Objects of a source that no longer exists are not managed.
/// </summary>
public sealed class ManagedObjectGuard(SourceCatalog catalog) : IManagedObjectGuard
{
    public async Task<ManagedBy?> FindManagerAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        var source = obj.Metadata.GetLabel(GitOpsMetadata.SourceLabel);
        if (source is null || await catalog.FindAsync(source, cancellationToken) is not { } spec)
            return null;
        return new ManagedBy(
            source,
            obj.Metadata.GetAnnotation(GitOpsMetadata.RepositoryAnnotation) ?? RepositoryUrl.Redact(spec.Url),
            obj.Metadata.GetAnnotation(GitOpsMetadata.PathAnnotation) ?? "",
            obj.Metadata.GetAnnotation(GitOpsMetadata.CommitAnnotation) ?? "",
            spec.SelfHeal);
    }
}
