using GitOps.Model.Objects;

namespace GitOps.Model.Manifests;

/// <summary>Combines the read results of a file set and rejects objects declared more than once.</summary>
public static class ManifestSet
{
    /// <summary>
    /// All documents and errors of <paramref name="results"/>, except that an object (same group, kind, namespace and name)
    /// declared more than once is dropped everywhere, with an error at each extra declaration naming both locations.
    /// </summary>
    public static ManifestReadResult Combine(IEnumerable<ManifestReadResult> results)
    {
        var documents = new List<ManifestDocument>();
        var errors = new List<ManifestError>();
        var warnings = new List<ManifestError>();
        foreach (var result in results)
        {
            documents.AddRange(result.Documents);
            errors.AddRange(result.Errors);
            warnings.AddRange(result.Warnings);
        }

        var byKey = new Dictionary<ResourceKey, List<ManifestDocument>>();
        foreach (var document in documents)
        {
            var key = ResourceKey.Of(document.Object);
            if (!byKey.TryGetValue(key, out var list))
                byKey[key] = list = new List<ManifestDocument>(1);
            list.Add(document);
        }

        var kept = new List<ManifestDocument>(documents.Count);
        foreach (var document in documents)
        {
            var declarations = byKey[ResourceKey.Of(document.Object)];
            if (declarations.Count == 1)
            {
                kept.Add(document);
                continue;
            }
            var first = declarations[0];
            if (ReferenceEquals(first, document))
                continue;
            errors.Add(new ManifestError(document.File, document.Line, 1,
                $"{Describe(document.Object)} is declared more than once: at {first.Location} and at {document.Location}; "
                + "neither is applied until one declaration is removed", document.DocumentIndex));
        }
        return new ManifestReadResult(kept, errors) { Warnings = warnings };
    }

    public static ManifestReadResult Combine(params ManifestReadResult[] results) => Combine((IEnumerable<ManifestReadResult>)results);

    private static string Describe(KubeObject obj)
    {
        var group = string.IsNullOrEmpty(obj.Group) ? "" : $".{obj.Group}";
        var ns = obj.Metadata.Namespace;
        return string.IsNullOrEmpty(ns) ? $"{obj.Kind}{group} {obj.Metadata.Name}" : $"{obj.Kind}{group} {ns}/{obj.Metadata.Name}";
    }
}
