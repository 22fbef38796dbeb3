namespace GitOps.Model.Manifests;

/// <summary>A problem in a manifest file at a 1-based line and column, printed as <c>apps/web.yaml:12:3: message</c>.</summary>
public sealed record ManifestError(string File, int Line, int Column, string Message, int? DocumentIndex)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
