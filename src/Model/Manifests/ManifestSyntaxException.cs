namespace GitOps.Model.Manifests;

/// <summary>Aborts building one document; the reader turns it into a located <see cref="ManifestError"/>. Never escapes the reader.</summary>
internal sealed class ManifestSyntaxException(int line, int column, string message) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
