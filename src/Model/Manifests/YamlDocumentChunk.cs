namespace GitOps.Model.Manifests;

/// <summary>The text of one YAML document within a file: [Start, End) character offsets, and the 1-based line it starts on.</summary>
internal readonly record struct YamlDocumentChunk(int Start, int End, int FirstLine, bool HasContent);
