using GitOps.Model.Objects;

namespace GitOps.Gateway.Registry;

/// <summary>
/// One kind as the API serves it: where it lives (group/version/plural), whether it is
/// namespaced, and what discovery tells kubectl about it (short names, categories, verbs).
/// </summary>
public sealed record ApiResource(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    bool HasStatus,
    bool BuiltIn)
{
    /// <summary>The verbs every served kind supports.</summary>
    public static IReadOnlyList<string> StandardVerbs { get; } = ["create", "delete", "get", "list", "patch", "update", "watch"];

    /// <summary>The verbs of the status subresource.</summary>
    public static IReadOnlyList<string> StatusVerbs { get; } = ["get", "patch", "update"];

    /// <summary>Whether the kind has the <c>scale</c> subresource (autoscaling/v1 Scale over spec.replicas).</summary>
    public bool HasScale => BuiltIn && Kind is "Deployment" or "ReplicaSet" or "StatefulSet" or "ReplicationController";

    public string ApiVersion => ApiVersionParts.Combine(Group, Version);

    public string Singular => Kind.ToLowerInvariant();

    public ResourceType Type => new(Group, Kind);

    /// <summary>"pods" or "deployments.apps": how kubectl names the resource in messages.</summary>
    public string QualifiedPlural => string.IsNullOrEmpty(Group) ? Plural : $"{Plural}.{Group}";

    /// <summary>
    /// The plural of a kind the gateway has no definition for, as kubectl guesses it
    /// (k8s meta.UnsafeGuessKindToResource: "s" → "ses", "y" → "ies", else "+s"), except that a
    /// vowel before the "y" keeps it ("Gateway" → "gateways"), as CRDs name such kinds.
    /// </summary>
    public static string GuessPlural(string kind)
    {
        var singular = kind.ToLowerInvariant();
        if (singular.Length == 0)
            return singular;
        return singular[^1] switch
        {
            's' => singular + "es",
            'y' when singular.Length > 1 && "aeiou".Contains(singular[^2]) => singular + "s",
            'y' => singular[..^1] + "ies",
            _ => singular + "s",
        };
    }
}
