namespace GitOps.Model.Manifests;

/// <summary>A 1-based line and column in a manifest file.</summary>
internal readonly record struct SourcePosition(int Line, int Column);
