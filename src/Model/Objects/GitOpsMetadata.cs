namespace GitOps.Model.Objects;

/// <summary>Labels and annotations GitSync puts on the objects it applies, so any reader can say where to edit them.</summary>
public static class GitOpsMetadata
{
    /// <summary>Label: the name of the Git source that manages the object.</summary>
    public const string SourceLabel = "gitops.io/source";

    /// <summary>Annotation: the repository URL the object came from.</summary>
    public const string RepositoryAnnotation = "gitops.io/repository";

    /// <summary>Annotation: the file path, within the repository, that declares the object.</summary>
    public const string PathAnnotation = "gitops.io/path";

    /// <summary>Annotation: the commit the object was last applied from.</summary>
    public const string CommitAnnotation = "gitops.io/commit";

    /// <summary>
    /// Annotation: the number of the source's sync run that last changed the object. A run numbered
    /// lower is stale (it started before the source's grain moved to another silo) and may not change
    /// or delete the object.
    /// </summary>
    public const string SyncRunAnnotation = "gitops.io/sync-run";

    /// <summary>The field manager, in metadata.managedFields, that owns the fields Git declares.</summary>
    public const string FieldManager = "gitops";

    /// <summary>True for the source stamps above: GitSync sets them, Git never declares them.</summary>
    public static bool IsSourceStamp(string key) =>
        key is SourceLabel or RepositoryAnnotation or PathAnnotation or CommitAnnotation or SyncRunAnnotation;

    /// <summary>Annotation users set to order applies: lower waves first.</summary>
    public const string SyncWaveAnnotation = "gitops.io/sync-wave";
}
