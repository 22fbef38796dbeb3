namespace GitOps.Model.Manifests;

/// <summary>What reading one or more manifest files produced: the valid objects and the located errors.</summary>
public sealed record ManifestReadResult(IReadOnlyList<ManifestDocument> Documents, IReadOnlyList<ManifestError> Errors)
{
    public static ManifestReadResult Empty { get; } = new([], []);

    public bool HasErrors => Errors.Count > 0;
}
