namespace GitOps.Model.Manifests;

/// <summary>What reading one or more manifest files produced: the valid objects and the located errors.</summary>
public sealed record ManifestReadResult(IReadOnlyList<ManifestDocument> Documents, IReadOnlyList<ManifestError> Errors)
{
    public static ManifestReadResult Empty { get; } = new([], []);

    public bool HasErrors => Errors.Count > 0;

    /// <summary>Located problems that did not stop an object from being read (e.g. a duplicate mapping key whose last value won).</summary>
    public IReadOnlyList<ManifestError> Warnings { get; init; } = [];
}
