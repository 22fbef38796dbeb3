using GitOps.Model.Objects;

namespace GitOps.Model.Manifests;

/// <summary>One object read from a manifest file: the 1-based line where it starts and its 0-based index among the file's documents.</summary>
public sealed record ManifestDocument(KubeObject Object, string File, int Line, int DocumentIndex)
{
    public string Location => $"{File}:{Line}";
}
