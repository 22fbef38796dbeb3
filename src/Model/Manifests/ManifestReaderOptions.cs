namespace GitOps.Model.Manifests;

/// <summary>Limits that keep reading hostile or broken files bounded; each breach is a located error, never a crash or hang.</summary>
public sealed record ManifestReaderOptions
{
    public const int DefaultMaxDocumentBytes = 1024 * 1024;
    public const int DefaultMaxDepth = 100;
    public const int DefaultMaxAliasExpansionNodes = 100_000;

    public static ManifestReaderOptions Default { get; } = new();

    /// <summary>Largest YAML document (or JSON file), in UTF-8 bytes.</summary>
    public int MaxDocumentBytes { get; init; } = DefaultMaxDocumentBytes;

    /// <summary>Deepest nesting of mappings and sequences.</summary>
    public int MaxDepth { get; init; } = DefaultMaxDepth;

    /// <summary>Most nodes that YAML aliases may copy into one document ("billion laughs" protection).</summary>
    public int MaxAliasExpansionNodes { get; init; } = DefaultMaxAliasExpansionNodes;

    /// <summary>Run <see cref="Validation.ObjectValidator"/> on each object; invalid objects become errors.</summary>
    public bool Validate { get; init; } = true;

    /// <summary>
    /// Treat a duplicate mapping key as an error instead of a warning. Kubernetes' YAML decoding keeps the last value
    /// (and the API server only warns), so the default is a warning.
    /// </summary>
    public bool DuplicateKeysAreErrors { get; init; }

    /// <summary>Problems with the settings, naming each; empty when valid. Call at start-up.</summary>
    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        if (MaxDocumentBytes <= 0)
            problems.Add($"ManifestReaderOptions.MaxDocumentBytes must be positive (got {MaxDocumentBytes})");
        if (MaxDepth is <= 1 or > 1000)
            problems.Add($"ManifestReaderOptions.MaxDepth must be between 2 and 1000 (got {MaxDepth})");
        if (MaxAliasExpansionNodes < 0)
            problems.Add($"ManifestReaderOptions.MaxAliasExpansionNodes must not be negative (got {MaxAliasExpansionNodes})");
        return problems;
    }
}
