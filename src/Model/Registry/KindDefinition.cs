using GitOps.Model.Objects;
using GitOps.Model.Validation;
using GitOps.Model.Validation.Specs;

namespace GitOps.Model.Registry;

/// <summary>
/// Everything the service knows about one kind apart from its behaviour: where the API serves it
/// (group, version, plural, scope), what discovery tells kubectl (short names, categories), its
/// subresources, what create does with a sent status, how its objects may be named, what its spec
/// must hold, when GitSync applies it, and whether the garbage collector lists it at start-up.
/// </summary>
public sealed record KindDefinition(string Group, string Version, string Kind, string Plural, KindScope Scope)
{
    private readonly StatusOnCreateRule? _statusOnCreate;

    /// <summary>Names kubectl accepts for the plural, e.g. "po" for pods.</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Groups of kinds kubectl expands, e.g. "all" for <c>kubectl get all</c>.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public Subresources Subresources { get; init; } = Subresources.None;

    /// <summary>
    /// The verbs the API serves for the kind (discovery lists them): every verb of a stored kind unless set;
    /// only "create" for a review that is answered, never stored (SelfSubjectAccessReview).
    /// </summary>
    public IReadOnlyList<string> Verbs { get; init; } = StoredVerbs;

    /// <summary>The verbs of a kind whose objects are stored.</summary>
    public static IReadOnlyList<string> StoredVerbs { get; } = ["create", "delete", "get", "list", "patch", "update", "watch"];

    /// <summary>False for a kind the API only answers (an access review): it has no objects to read, write or sync.</summary>
    public bool IsStored => Verbs.Contains("get");

    /// <summary>
    /// What create does with the status a creator sends. Unless set: cleared when the kind has a
    /// status subresource (controllers write it), kept otherwise.
    /// </summary>
    public StatusOnCreateRule StatusOnCreate
    {
        get => _statusOnCreate ?? (HasStatus ? StatusOnCreateRule.Clear : StatusOnCreateRule.Keep);
        init => _statusOnCreate = value;
    }

    /// <summary>The syntax of <c>metadata.name</c>.</summary>
    public NameRule NameRule { get; init; } = NameRule.Dns1123Subdomain;

    /// <summary>GitSync's apply step within a sync wave, lower first; pruning runs in reverse.</summary>
    public int ApplyRank { get; init; } = ApplyRanks.Others;

    /// <summary>
    /// True when objects of the kind commonly have owners, so the garbage collector lists them when
    /// it starts; other kinds join its graph once they appear in the change log.
    /// </summary>
    public bool CollectedWithOwners { get; init; }

    /// <summary>The kind's own checks of its spec (kube-apiserver's per-kind validation); none unless set.</summary>
    public SpecRules? Spec { get; init; }

    public bool Namespaced => Scope == KindScope.Namespaced;

    public bool HasStatus => Subresources.HasFlag(Subresources.Status);

    public bool HasScale => Subresources.HasFlag(Subresources.Scale);

    public string ApiVersion => ApiVersionParts.Combine(Group, Version);

    public string Singular => Kind.ToLowerInvariant();

    public ResourceType Type => new(Group, Kind);

    /// <summary>"pods" or "deployments.apps": how kubectl names the resource in messages.</summary>
    public string QualifiedPlural => string.IsNullOrEmpty(Group) ? Plural : $"{Plural}.{Group}";
}
