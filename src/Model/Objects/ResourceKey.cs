namespace GitOps.Model.Objects;

/// <summary>
/// Identifies one stored object. Objects are keyed by API group and kind (not version: one
/// storage version per kind); <see cref="Namespace"/> is "" for cluster-scoped objects.
/// </summary>
public readonly record struct ResourceKey(string Group, string Kind, string Namespace, string Name)
{
    public static ResourceKey Of(KubeObject obj) =>
        new(obj.Group, obj.Kind, obj.Metadata.Namespace ?? "", obj.Metadata.Name ?? "");

    public ResourceType Type => new(Group, Kind);

    /// <summary>A stable string form, also used as a grain key: "group/Kind/namespace/name".</summary>
    public override string ToString() => $"{Group}/{Kind}/{Namespace}/{Name}";

    public static ResourceKey Parse(string text)
    {
        var parts = text.Split('/', 4);
        if (parts.Length != 4)
            throw new FormatException($"'{text}' is not a resource key of the form group/Kind/namespace/name.");
        return new ResourceKey(parts[0], parts[1], parts[2], parts[3]);
    }
}

/// <summary>A kind within its API group, e.g. ("apps", "Deployment").</summary>
public readonly record struct ResourceType(string Group, string Kind)
{
    public override string ToString() => string.IsNullOrEmpty(Group) ? Kind : $"{Kind}.{Group}";
}
